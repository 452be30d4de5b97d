/** Loading packages on first use, for the code paths a plain Dockerfile run never takes. */
export { loadOnUse, packageVersion, resolvable } from "./load-on-use.js";
