/** Every engine scenario, in the order of the table in docs/build-cache.md. */
import { aptUpdateWithInstall } from "./apt-update-with-install.js";
import { copyManifestsFirst } from "./copy-manifests-first.js";
import { noSecretsInBuildArgs } from "./no-secrets-in-build-args.js";
import { noUnpinnedDownload } from "./no-unpinned-download.js";
import { pinBaseImage } from "./pin-base-image.js";
import { pinPackageVersions } from "./pin-package-versions.js";
import { requireAddChecksum } from "./require-add-checksum.js";
import type { Scenario } from "./scenario.js";
import { secretCacheBust } from "./secret-cache-bust.js";
import { useraddNoLogInit } from "./useradd-no-log-init.js";
import { volatileArgsLast } from "./volatile-args-last.js";

export type { Scenario } from "./scenario.js";

export const scenarios: Scenario[] = [
  ...pinBaseImage,
  ...noUnpinnedDownload,
  ...pinPackageVersions,
  ...aptUpdateWithInstall,
  ...requireAddChecksum,
  ...secretCacheBust,
  ...noSecretsInBuildArgs,
  ...copyManifestsFirst,
  ...volatileArgsLast,
  ...useraddNoLogInit,
];
