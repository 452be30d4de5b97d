/**
 * The text of an `eslint.config.js` for Dockerfiles: the recommended preset,
 * and on top the settings translated from a `.hadolint.yaml`, with a comment
 * for each rule saying which hadolint codes it stands for.
 */
import type { HadolintTranslation } from "./hadolint-config.js";

const HEADER = `import dockerfile, { DOCKERFILE_GLOBS, DOCKERFILE_IGNORES } from "eslint-plugin-dockerfile";`;
/** The preset's Dockerfile block matches these, so the block applies to the same files. */
const SCOPE = ["    files: DOCKERFILE_GLOBS,", "    ignores: DOCKERFILE_IGNORES,"];

/** A JavaScript literal for JSON-like data, as a person would write it. */
function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).map(([key, item]) => `${/^[A-Za-z_$][\w$]*$/u.test(key) ? key : JSON.stringify(key)}: ${literal(item)}`);
    return `{ ${entries.join(", ")} }`;
  }
  return JSON.stringify(value);
}

function comment(text: string, indent: string): string {
  return `${indent}// ${text}\n`;
}

export function eslintConfigText(translation?: { source: string; result: HadolintTranslation }): string {
  const lines: string[] = [];
  lines.push(`// ESLint config for Dockerfiles${translation ? `, translated from ${translation.source} by dockerfile-lint init` : ", written by dockerfile-lint init"}.`);
  lines.push("// Rules and options: https://github.com/eslint-plugin-dockerfile/eslint-plugin-dockerfile#rules");
  lines.push(HEADER, "", "export default [", "  ...dockerfile.configs.recommended,");
  if (!translation) {
    lines.push("  {", ...SCOPE, "    rules: {");
    lines.push('      // "dockerfile/pin-base-image": ["error", { digest: "always" }],');
    lines.push('      // "dockerfile/allowed-registries": ["error", { registries: ["docker.io", "ghcr.io"] }],');
    lines.push("    },", "  },", "];", "");
    return lines.join("\n");
  }
  const { result } = translation;
  let text = `${lines.join("\n")}\n`;
  for (const note of result.notes) text += comment(note, "  ");
  text += "  {\n";
  text += `${SCOPE.join("\n")}\n`;
  if (result.languageOptions.hadolintPragmas === false) {
    text += comment("disable-ignore-pragma: true", "    ");
    text += `    languageOptions: ${literal(result.languageOptions)},\n`;
  }
  text += "    rules: {\n";
  for (const name of Object.keys(result.rules).sort()) {
    const reason = result.reasons[name];
    if (reason) text += comment(reason, "      ");
    text += `      ${JSON.stringify(`dockerfile/${name}`)}: ${literal(result.rules[name])},\n`;
  }
  text += "    },\n  },\n];\n";
  return text;
}
