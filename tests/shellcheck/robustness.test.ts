/**
 * The robustness properties of tests/robustness/harness.ts for the shellcheck
 * rule alone, against the real binary: positions inside the text and
 * suggestions that leave a file that lints, on corpus files, on shapes whose
 * positions are hard to map back, and on byte-level mutations of them. The
 * general fuzz leaves this rule out, so that it does not start ShellCheck for
 * each of its thousands of files; a smaller number of runs is enough here.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkRobustness, corpusSample, lint, SHELLCHECK_CONFIG } from "../robustness/harness.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? "") ? Math.ceil(Number(process.env.FUZZ_RUNS) / 10) : 60;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : process.env.CI ? 0x5eed : undefined;

/** Shapes where the script's text and the file's differ: continuations, comments inside them, heredocs, escapes, tabs, wide characters. */
const SHAPES = [
  "FROM debian:12\nRUN echo $1 && \\\n    cp $SRC /x\n",
  "# escape=`\nFROM debian:12\nRUN echo $1 && `\n# a comment\n    cp $SRC /x\n",
  "FROM debian:12\nRUN --mount=type=cache,target=/root/.cache \\\n\tpip install $PKGS\n",
  "FROM debian:12\nRUN <<EOF\necho $1\nEOF\n",
  "FROM debian:12\nRUN <<-EOF bash\n\tif [[ $x == 1 ]]; then echo $x; fi\n\tEOF\n",
  "FROM debian:12\nRUN cat <<A <<B\n$1\nA\n$2\nB\n",
  'FROM debian:12\nRUN ["/bin/sh", "-c", "echo \\u0041 $1 \\"$2\\""]\n',
  "FROM debian:12\nRUN echo '😀' $1 && echo \"unterminated\n",
  "FROM debian:12\r\nRUN echo $1 \\\r\n  && ls $2\r\n",
  "FROM debian:12\nONBUILD RUN echo $1\nHEALTHCHECK CMD curl $URL || exit 1\nCMD echo $HOME $1\n",
  "FROM debian:12\nRUN echo $(ls) `ls` && [ $a = b ] && for f in $(ls *.txt); do echo $f; done\n",
  "FROM debian:12\nRUN if true; then\n",
  "FROM debian:12\nRUN \\\n# only a comment\n",
];

const mutationText = fc.constantFrom("\\", "`", "\n", "\r\n", '"', "'", "$", "${", "}", "<<EOF", "<<-'X'\n", "#", " ", "\t", "--mount=", ";", "|", "(", ")", "\ud83d", "😀");
const mutated = fc
  .record({
    shape: fc.nat({ max: SHAPES.length - 1 }),
    changes: fc.array(fc.record({ at: fc.nat(), remove: fc.nat({ max: 3 }), text: mutationText }), { minLength: 1, maxLength: 5 }),
  })
  .map(({ shape, changes }) => {
    let out = SHAPES[shape] ?? "";
    for (const change of changes) {
      const at = change.at % (out.length + 1);
      out = out.slice(0, at) + change.text + out.slice(at + change.remove);
    }
    return out;
  });

describe("the shellcheck rule on odd and real Dockerfiles", () => {
  it("reports inside the text on the hard shapes, with suggestions that still lint", { timeout: 120_000 }, () => {
    let findings = 0;
    for (const text of SHAPES) {
      checkRobustness(text, SHELLCHECK_CONFIG);
      findings += lint(text, SHELLCHECK_CONFIG).filter((message) => message.ruleId === "dockerfile/shellcheck").length;
    }
    // The shapes are there to be found: most of them hold unquoted expansions.
    expect(findings).toBeGreaterThan(SHAPES.length);
  });

  it(`mutations of those shapes (${RUNS} runs)`, { timeout: 300_000 }, () => {
    fc.assert(
      fc.property(mutated, (text) => {
        checkRobustness(text, SHELLCHECK_CONFIG);
      }),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: false },
    );
  });

  // Few files: each suggestion is linted again, which starts ShellCheck again.
  const sample = corpusSample(8);
  it.skipIf(sample.length === 0)("a sample of corpus files", { timeout: 300_000 }, () => {
    for (const { name, text } of sample) {
      try {
        checkRobustness(text, SHELLCHECK_CONFIG);
      } catch (error) {
        throw new Error(`${name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }
  });
});
