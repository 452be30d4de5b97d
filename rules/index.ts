/** Every rule of the plugin, by name. Keep sorted. */
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import allowedRegistries from "./allowed-registries.js";
import aptGetYes from "./apt-get-yes.js";
import aptNoInstallRecommends from "./apt-no-install-recommends.js";
import aptUpdateWithInstall from "./apt-update-with-install.js";
import cleanPackageCache from "./clean-package-cache.js";
import consistentInstructionCasing from "./consistent-instruction-casing.js";
import copyFromStage from "./copy-from-stage.js";
import copyIgnoredFile from "./copy-ignored-file.js";
import copyManifestsFirst from "./copy-manifests-first.js";
import copyMultipleSourcesNeedsDir from "./copy-multiple-sources-needs-dir.js";
import firstInstruction from "./first-instruction.js";
import fromAsCasing from "./from-as-casing.js";
import lastUserNotRoot from "./last-user-not-root.js";
import legacyKeyValueFormat from "./legacy-key-value-format.js";
import noCdInRun from "./no-cd-in-run.js";
import noConstantPlatform from "./no-constant-platform.js";
import noCopyRootFs from "./no-copy-root-fs.js";
import noDuplicateStageName from "./no-duplicate-stage-name.js";
import noEmptyContinuation from "./no-empty-continuation.js";
import noEnvSameInstructionReference from "./no-env-same-instruction-reference.js";
import noMaintainer from "./no-maintainer.js";
import noRedundantTargetPlatform from "./no-redundant-target-platform.js";
import noReservedStageName from "./no-reserved-stage-name.js";
import noSecretsInBuildArgs from "./no-secrets-in-build-args.js";
import noSudo from "./no-sudo.js";
import noUndefinedArgInFrom from "./no-undefined-arg-in-from.js";
import noUndefinedVar from "./no-undefined-var.js";
import noUnpinnedDownload from "./no-unpinned-download.js";
import pinBaseImage from "./pin-base-image.js";
import pinPackageVersions from "./pin-package-versions.js";
import preferAptGet from "./prefer-apt-get.js";
import preferCopy from "./prefer-copy.js";
import preferExecForm from "./prefer-exec-form.js";
import requireAddChecksum from "./require-add-checksum.js";
import requirePipefail from "./require-pipefail.js";
import secretCacheBust from "./secret-cache-bust.js";
import shellcheck from "./shellcheck.js";
import singleCmdEntrypointHealthcheck from "./single-cmd-entrypoint-healthcheck.js";
import stageNameCasing from "./stage-name-casing.js";
import useraddNoLogInit from "./useradd-no-log-init.js";
import validArgDefaultInFrom from "./valid-arg-default-in-from.js";
import validExecForm from "./valid-exec-form.js";
import validExpose from "./valid-expose.js";
import volatileArgsLast from "./volatile-args-last.js";
import workdirAbsolute from "./workdir-absolute.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rules have different option types
export const rules: Record<string, DockerfileRuleDefinition<any>> = {
  "allowed-registries": allowedRegistries,
  "apt-get-yes": aptGetYes,
  "apt-no-install-recommends": aptNoInstallRecommends,
  "apt-update-with-install": aptUpdateWithInstall,
  "clean-package-cache": cleanPackageCache,
  "consistent-instruction-casing": consistentInstructionCasing,
  "copy-from-stage": copyFromStage,
  "copy-ignored-file": copyIgnoredFile,
  "copy-manifests-first": copyManifestsFirst,
  "copy-multiple-sources-needs-dir": copyMultipleSourcesNeedsDir,
  "first-instruction": firstInstruction,
  "from-as-casing": fromAsCasing,
  "last-user-not-root": lastUserNotRoot,
  "legacy-key-value-format": legacyKeyValueFormat,
  "no-cd-in-run": noCdInRun,
  "no-constant-platform": noConstantPlatform,
  "no-copy-root-fs": noCopyRootFs,
  "no-duplicate-stage-name": noDuplicateStageName,
  "no-empty-continuation": noEmptyContinuation,
  "no-env-same-instruction-reference": noEnvSameInstructionReference,
  "no-maintainer": noMaintainer,
  "no-redundant-target-platform": noRedundantTargetPlatform,
  "no-reserved-stage-name": noReservedStageName,
  "no-secrets-in-build-args": noSecretsInBuildArgs,
  "no-sudo": noSudo,
  "no-undefined-arg-in-from": noUndefinedArgInFrom,
  "no-undefined-var": noUndefinedVar,
  "no-unpinned-download": noUnpinnedDownload,
  "pin-base-image": pinBaseImage,
  "pin-package-versions": pinPackageVersions,
  "prefer-apt-get": preferAptGet,
  "prefer-copy": preferCopy,
  "prefer-exec-form": preferExecForm,
  "require-add-checksum": requireAddChecksum,
  "require-pipefail": requirePipefail,
  "secret-cache-bust": secretCacheBust,
  shellcheck,
  "single-cmd-entrypoint-healthcheck": singleCmdEntrypointHealthcheck,
  "stage-name-casing": stageNameCasing,
  "useradd-no-log-init": useraddNoLogInit,
  "valid-arg-default-in-from": validArgDefaultInFrom,
  "valid-exec-form": validExecForm,
  "valid-expose": validExpose,
  "volatile-args-last": volatileArgsLast,
  "workdir-absolute": workdirAbsolute,
};
