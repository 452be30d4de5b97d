/**
 * `@microsoft/eslint-formatter-sarif` writes every file as an absolute
 * `file://` URI, which ties the report to the machine that made it. Code
 * scanning and other SARIF viewers resolve paths against the repository, so
 * `dockerfile-lint --format sarif` rewrites the URIs of files under the working
 * directory as relative ones, with `uriBaseId: "%SRCROOT%"` and the working
 * directory recorded in `run.originalUriBaseIds` (SARIF 2.1.0, §3.4.4, §3.14.14).
 */
import path from "node:path";
import { pathToFileURL } from "node:url";

export const SRCROOT = "%SRCROOT%";

interface ArtifactLocation {
  uri?: unknown;
  uriBaseId?: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** `file:///work/app/` for `/work/app`: a base URI ends with a slash. */
export function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith("/") ? href : `${href}/`;
}

function relativize(location: ArtifactLocation, base: string): void {
  if (typeof location.uri !== "string" || location.uriBaseId !== undefined) return;
  if (!location.uri.startsWith(base)) return;
  const relative = location.uri.slice(base.length);
  if (relative === "") return;
  location.uri = relative;
  location.uriBaseId = SRCROOT;
}

/** Each `artifactLocation` in results and notifications, and each artifact's `location`. */
function* artifactLocations(run: Record<string, unknown>): Generator<ArtifactLocation> {
  const artifacts = Array.isArray(run.artifacts) ? (run.artifacts as unknown[]) : [];
  for (const artifact of artifacts) {
    if (isObject(artifact) && isObject(artifact.location)) yield artifact.location;
  }
  const items: unknown[] = Array.isArray(run.results) ? [...(run.results as unknown[])] : [];
  const invocations = Array.isArray(run.invocations) ? (run.invocations as unknown[]) : [];
  for (const invocation of invocations) {
    if (isObject(invocation) && Array.isArray(invocation.toolConfigurationNotifications)) {
      items.push(...(invocation.toolConfigurationNotifications as unknown[]));
    }
  }
  for (const item of items) {
    if (!isObject(item) || !Array.isArray(item.locations)) continue;
    for (const location of item.locations as unknown[]) {
      if (isObject(location) && isObject(location.physicalLocation) && isObject(location.physicalLocation.artifactLocation)) {
        yield location.physicalLocation.artifactLocation;
      }
    }
  }
}

/** The SARIF text with file URIs under `cwd` made relative to it. Text that is not SARIF JSON is returned as is. */
export function relativeSarif(text: string, cwd: string): string {
  let log: unknown;
  try {
    log = JSON.parse(text);
  } catch {
    return text;
  }
  if (!isObject(log) || !Array.isArray(log.runs)) return text;
  const base = directoryUri(path.resolve(cwd));
  for (const run of log.runs as unknown[]) {
    if (!isObject(run)) continue;
    let used = false;
    for (const location of artifactLocations(run)) {
      relativize(location, base);
      if (location.uriBaseId === SRCROOT) used = true;
    }
    if (used) {
      const bases = isObject(run.originalUriBaseIds) ? run.originalUriBaseIds : {};
      run.originalUriBaseIds = { ...bases, [SRCROOT]: { uri: base } };
    }
  }
  return JSON.stringify(log, null, 2);
}
