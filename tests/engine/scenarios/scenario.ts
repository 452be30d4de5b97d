import type { Harness } from "../harness.js";

/**
 * One claim of a rule, checked on the engine. `problem` rows build the rule
 * page's incorrect example and show what goes wrong; `fix` rows build the
 * correct example under the same change. `run` asserts what the engine does
 * and returns the observed result, a sentence for the table in
 * docs/build-cache.md (with nothing in it that changes between runs, such as
 * ports or image ids).
 */
export interface Scenario {
  /** Unique, also the table row's anchor: `engine-<id>`. */
  id: string;
  rule: string;
  kind: "problem" | "fix";
  /** What the rule says, in a few words. */
  claim: string;
  /** What the scenario builds and changes. */
  scenario: string;
  run(harness: Harness): Promise<string>;
}
