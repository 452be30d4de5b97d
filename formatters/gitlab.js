// The gitlab formatter, at a path that stays put:
//   eslint -f ./node_modules/eslint-plugin-dockerfile/formatters/gitlab.js
//   import gitlab from "eslint-plugin-dockerfile/formatters/gitlab";
export { default } from "../dist/lib/cli/formatters/gitlab.js";
