/**
 * The slice-built argument scan must read every instruction exactly as
 * dockerfile-ast's own `getRawArguments` does: the same values, the same
 * ranges, the same Argument objects, on real files and on generated text full
 * of escapes, blanks, comments and line ends.
 */
import { readFileSync } from "node:fs";
import { DockerfileParser, Instruction } from "dockerfile-ast";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scanRawArguments, type ScannableInstruction } from "../lib/language/tree/argument-scan.js";
import { CHECKED_SCAN_DIGEST, digestOf } from "../lib/language/tree/raw-arguments-cache.js";
import { corpusFiles } from "./robustness/harness.js";

const original = (Instruction.prototype as unknown as { getRawArguments: (this: Instruction) => unknown[] }).getRawArguments;

function corpusTexts(): string[] {
  return corpusFiles().map((file) => readFileSync(file, "utf8"));
}

/** Every instruction's scan, both ways; instructions come from a parse without the cache. */
function bothScans(text: string): { ours: unknown[][]; theirs: unknown[][] } {
  const instructions = DockerfileParser.parse(text).getInstructions();
  return {
    ours: instructions.map((instruction) => scanRawArguments(instruction as unknown as ScannableInstruction)),
    theirs: instructions.map((instruction) => original.call(instruction)),
  };
}

function expectSameScans(text: string): void {
  const { ours, theirs } = bothScans(text);
  expect(ours).toStrictEqual(theirs);
}

describe("slice-built argument scan", () => {
  it("is checked against the dockerfile-ast installed (a new version must be read again before the digest changes)", () => {
    expect(digestOf(original)).toBe(CHECKED_SCAN_DIGEST);
  });

  it("reads every instruction of every corpus file as dockerfile-ast does", () => {
    const texts = corpusTexts();
    expect(texts.length).toBeGreaterThan(1000);
    let instructions = 0;
    for (const text of texts) {
      const { ours, theirs } = bothScans(text);
      instructions += ours.length;
      expect(ours).toStrictEqual(theirs);
    }
    expect(instructions).toBeGreaterThan(20_000);
  });

  it.each([
    ["a plain instruction", "RUN make all install\n"],
    ["tabs between arguments", "RUN\tmake\t\tall\n"],
    ["a continued line", "RUN apt-get update && \\\n    apt-get install -y curl\n"],
    ["an argument split by an escaped line end", "RUN ech\\\no hi\n"],
    ["blanks after the escape before the line end", "RUN a \\   \n  b\n"],
    ["an escaped blank inside an argument", "RUN a\\ b c\n"],
    ["an escaped blank then more text", "RUN a\\  \tb\n"],
    ["a comment line inside a continuation", "RUN a \\\n# note\n  b\n"],
    ["a comment line that ends with an escape", "RUN a \\\n# note \\\n  b\n"],
    ["blank lines inside a continuation", "RUN a \\\n\n\n  b\n"],
    ["CRLF line ends", "RUN a \\\r\n  b\r\nCMD x\r\n"],
    ["a lone CR after the escape", "RUN a \\\rb\n"],
    ["a lone CR after the escape and a blank", "RUN a \\ \rb c\n"],
    ["an escaped dollar kept with its escape", "ENV A=\\$HOME B=c\n"],
    ["an escaped escape", "RUN a\\\\b\n"],
    ["the escape as the last character of the file", "RUN a \\"],
    ["an escape at the end with blanks", "RUN a \\  "],
    ["the backtick escape directive", "# escape=`\nRUN a `\n  b\\c\nCOPY `$x y\n"],
    ["a hash that is an argument", "RUN echo # not a comment\n"],
    ["an instruction with no arguments", "RUN\nCMD\n"],
    ["a keyword split by an escaped line end", "RU\\\nN a b\n"],
    ["heredocs", "RUN <<EOF\necho hi\nEOF\nCOPY <<a.txt /a\nx\na.txt\n"],
    ["JSON form", 'CMD ["a", "b c"]\nRUN [ "x" ]\n'],
    ["non-ASCII text", "LABEL a=\u00e9t\u00e9 b=\ud83d\udc33\nRUN echo \u00e9\\\n  \u00e9\n"],
  ])("reads %s as dockerfile-ast does", (_title, text) => {
    expectSameScans(text);
  });

  it("reads generated text as dockerfile-ast does", () => {
    const piece = fc.constantFrom("\\ \r", "\\ \n", "\\\r", "RUN ", "ENV ", "COPY ", "FROM ", "LABEL ", "a", "bc", "=", "$", "\\", "`", " ", "\t", "\n", "\r", "\r\n", "#", '"', "'", "<<", "EOF", "[", "]", ",", "\u00e9");
    const dockerfile = fc
      .tuple(fc.constantFrom("", "# escape=`\n", "# escape=\\\n"), fc.array(piece, { maxLength: 60 }))
      .map(([directive, pieces]) => directive + "RUN " + pieces.join(""));
    fc.assert(
      fc.property(dockerfile, (text) => {
        const { ours, theirs } = bothScans(text);
        expect(ours).toStrictEqual(theirs);
      }),
      { numRuns: 5000, seed: 19 },
    );
  });
});
