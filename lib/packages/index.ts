/**
 * What RUN commands install and download: package managers and their installs,
 * package-index refreshes, version pins, dependency installs from manifests,
 * and whether a remote URL or Git ref names fixed content.
 */
export { LANGUAGE_OF, dependencyInstallOf } from "./dependency-installs.js";
export type { DependencyInstall, Language } from "./dependency-installs.js";
export { packageIndexUseOf } from "./package-index.js";
export type { IndexFamily, PackageIndexUse } from "./package-index.js";
export { OS_PACKAGE_MANAGERS, PACKAGE_MANAGERS, findInstallCommands, osPackageCommandOf } from "./package-managers.js";
export type { InstallCommand, OsPackageCommand, PackageManager } from "./package-managers.js";
export { packageTargets } from "./package-pins.js";
export { NEUTRAL_MARK, SCP_LIKE, UNKNOWN_MARK, VERSION_MARK, classifyRef, classifyUrl, displayText, isRemoteSource, isSupportFile, markVariable, markedLookup, parseUrl, resolveWithMarkers } from "./remote-pins.js";
