// The github formatter, at a path that stays put:
//   eslint -f ./node_modules/eslint-plugin-dockerfile/formatters/github.js
//   import github from "eslint-plugin-dockerfile/formatters/github";
export { default } from "../dist/lib/cli/formatters/github.js";
