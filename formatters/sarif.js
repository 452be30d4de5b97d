// The SARIF 2.1.0 formatter, at a path that stays put:
//   eslint -f ./node_modules/eslint-plugin-dockerfile/formatters/sarif.js
//   import sarif from "eslint-plugin-dockerfile/formatters/sarif";
export { default } from "../dist/lib/cli/formatters/sarif.js";
