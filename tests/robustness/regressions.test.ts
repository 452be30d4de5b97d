/**
 * Inputs the fuzz test (./fuzz.test.ts) once broke, kept as named cases. Each
 * must satisfy every property of ./harness.ts. Add new ones here, with the
 * bug they found, when fixing what the fuzzer reports.
 */
import { describe, it } from "vitest";
import { checkRobustness } from "./harness.js";

const PROTOTYPE_WORDS = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"];

function protoWordFile(w: string): string {
  return [
    `# check=skip=${w};error=true`,
    `ARG ${w}=1`,
    `FROM ${w}:${w}@${w}:abc AS ${w}`,
    `FROM --platform=$${w} debian:12 AS b`,
    `ARG ${w}`,
    `ENV ${w}=$${w}`,
    `# hadolint ignore=${w}`,
    `RUN ${w} install -y ${w} && apt-get install -y ${w}=${w} && apt-get ${w} && yum ${w} x && pip install ${w}==${w}`,
    `RUN --mount=type=${w},${w}=${w} --${w}=${w} curl -${w} http://${w}/${w} | ${w} && sudo ${w} && xargs ${w}`,
    `COPY --${w}=${w} --from=${w} ${w} ${w}/`,
    `SHELL ["${w}", "-c"]`,
    `RUN ${w}`,
    `USER ${w}`,
    `EXPOSE ${w}`,
    `HEALTHCHECK --${w}=${w} CMD ${w}`,
    `${w} ${w}`,
  ].join("\n");
}

const CASES: { name: string; text: string }[] = [
  {
    // legacy-key-value-format quoted a value that still held a lone `\r`, which
    // dockerfile-ast reads as a line break: the fix split ENV into three instructions.
    name: "legacy ENV fix with lone CR line endings and a comment inside the continuation",
    text: "FROM ubuntu\rENV ubuntu \\\r# inside a continuation\r  ubuntu",
  },
  {
    // no-redundant-target-platform removed the only word of a FROM split by a continuation:
    // the empty continuation then joined the next FROM into it.
    name: "redundant --platform as the only word of a continued FROM",
    text: "FROM \\  \n--platform=$TARGETPLATFORM\nfrom",
  },
  {
    // legacy-key-value-format quoted a LABEL value that dockerfile-ast ended before a trailing
    // `\` it did not read as a continuation; after the closing quote it was one, and the next
    // line joined the LABEL.
    name: "legacy LABEL fix before a trailing escape the parser did not join",
    text: "FROM ubuntu\nlabel --link ubuntu  #\\ \\\n  ubuntu",
  },
  {
    // dockerfile-ast skipped the one character of a continued `\ X` line without seeing the line had
    // content, so MAINTAINER swallowed the next instruction; no-maintainer's LABEL then split it back out.
    name: "continued line of an escape, a blank and one character before another instruction",
    text: "FROM debian:12 AS base\nMAINTAINER x sudo \\ as pip3 & \\\n\\\n\\\n\\ X\nSTOPSIGNAL 9\n",
  },
  {
    // Tables of known words were plain objects, so a word such as `constructor` found
    // Object.prototype's function: `RUN constructor install x` crashed four package rules,
    // and a stage named `constructor` made no-reserved-stage-name report with a function as messageId.
    name: "words that name Object.prototype's properties, in every position",
    text: PROTOTYPE_WORDS.map((word) => protoWordFile(word)).join("\n"),
  },
];

describe("robustness regressions", () => {
  for (const { name, text } of CASES) {
    it(name, () => {
      checkRobustness(text);
    });
  }
});
