// Lints the project's own TypeScript: typescript-eslint's strict type-checked
// rules, and eslint-plugin-regexp to keep regexes free of super-linear backtracking.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import regexp from "eslint-plugin-regexp";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "bench/.tmp/", "docs/"] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  regexp.configs["flat/recommended"],
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "regexp/no-super-linear-move": "error",
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
    },
  },
  // Each lib/ folder is used through its index.ts; the rest of the folder is private to it.
  {
    files: ["rules/**/*.ts", "index.ts", "bin/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [{ group: ["**/lib/*/*", "!**/lib/*/index.js"], message: "Import a lib/ folder through its index.js." }],
      }],
    },
  },
  {
    files: ["lib/*/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [{ group: ["../*/*", "!../*/index.js"], message: "Import another lib/ folder through its index.js." }],
      }],
    },
  },
  {
    files: ["lib/*/*/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [{ group: ["../../*/*", "!../../*/index.js"], message: "Import another lib/ folder through its index.js." }],
      }],
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
);
