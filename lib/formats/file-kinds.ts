/**
 * Which files name images in which format, by path, as Renovate's managers
 * find them. The presets' `files` and the rules' choice of finder both come
 * from here, so the two cannot disagree.
 */
export type ImageFileKind = "compose" | "github-actions" | "gitlab-ci" | "devcontainer" | "bake";

export const IMAGE_FILE_GLOBS: Record<ImageFileKind, string[]> = {
  compose: ["**/compose.yaml", "**/compose.yml", "**/compose.*.yaml", "**/compose.*.yml", "**/docker-compose*.yaml", "**/docker-compose*.yml"],
  "github-actions": [
    "**/.github/workflows/*.yaml",
    "**/.github/workflows/*.yml",
    "**/action.yaml",
    "**/action.yml",
  ],
  "gitlab-ci": ["**/.gitlab-ci.yaml", "**/.gitlab-ci.yml"],
  devcontainer: ["**/.devcontainer/devcontainer.json", "**/.devcontainer.json", "**/.devcontainer/*/devcontainer.json"],
  bake: ["**/docker-bake.json", "**/docker-bake.override.json"],
};

export const YAML_KINDS = ["compose", "github-actions", "gitlab-ci"] as const;
export const JSON_KINDS = ["devcontainer", "bake"] as const;

/** JavaScript and TypeScript files, for the rules that follow images through code. */
export const JAVASCRIPT_GLOBS = ["**/*.js", "**/*.mjs", "**/*.cjs"];
/** TypeScript files; `.tsx` and `.jsx` the TypeScript parser reads as JSX by their name. */
export const TYPESCRIPT_GLOBS = ["**/*.ts", "**/*.mts", "**/*.cts", "**/*.tsx", "**/*.jsx"];

/** The kind of image file at `filename`, or null when its name is none of them. */
export function imageFileKind(filename: string): ImageFileKind | null {
  const path = filename.replaceAll("\\", "/");
  const slash = path.lastIndexOf("/");
  const base = path.slice(slash + 1);
  const dir = path.slice(0, Math.max(slash, 0));
  const yaml = /\.ya?ml$/u.test(base);
  if (yaml && /^(?:compose(?:\.[^/]+)?|docker-compose[^/]*)\.ya?ml$/u.test(base)) return "compose";
  if (yaml && (/(?:^|\/)\.github\/workflows$/u.test(dir) || /^action\.ya?ml$/u.test(base))) return "github-actions";
  if (/^\.gitlab-ci\.ya?ml$/u.test(base)) return "gitlab-ci";
  if (base === ".devcontainer.json" || (base === "devcontainer.json" && /(?:^|\/)\.devcontainer(?:\/[^/]+)?$/u.test(dir))) return "devcontainer";
  if (base === "docker-bake.json" || base === "docker-bake.override.json") return "bake";
  return null;
}
