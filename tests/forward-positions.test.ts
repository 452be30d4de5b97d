/**
 * Positions counted forward must be those of the TextDocument that
 * dockerfile-ast parses with, for offsets in any order, on text with every
 * kind of line break, and at offsets that split a `\r\n`.
 */
import fc from "fast-check";
import { DockerfileParser } from "dockerfile-ast";
import { describe, expect, it } from "vitest";
import { ForwardPositions, type PositionSource } from "../lib/language/tree/forward-positions.js";

/** The document dockerfile-ast reads the text through (a private field of its types). */
function documentOf(source: string): PositionSource {
  return (DockerfileParser.parse(source) as unknown as { document: PositionSource }).document;
}

const text = fc.array(fc.constantFrom("a", "b", " ", "\\", "\r", "\n", "\r\n", "\r\r\n", "\n\r"), { maxLength: 60 }).map((parts) => parts.join(""));

function expectSamePositions(source: string, offsets: readonly number[]): void {
  const document = documentOf(source);
  const positions = new ForwardPositions(document, source);
  for (const offset of offsets) expect(positions.positionAt(offset), `offset ${offset} of ${JSON.stringify(source)}`).toEqual(document.positionAt(offset));
}

describe("forward positions", () => {
  it("match positionAt for increasing offsets, every offset of the text in turn", () => {
    const everyOffset = (source: string): void => {
      expectSamePositions(source, Array.from({ length: source.length + 1 }, (_, i) => i));
    };
    fc.assert(fc.property(text, everyOffset), { numRuns: 500 });
  });

  it("match positionAt for offsets in any order, repeated and out of the text", () => {
    fc.assert(
      fc.property(text, fc.array(fc.integer({ min: -3, max: 70 }), { maxLength: 30 }), (source, offsets) => {
        expectSamePositions(source, offsets);
      }),
      { numRuns: 500 },
    );
  });

  it("place an offset between the \\r and the \\n of a CRLF before the \\r, on its line", () => {
    const source = "RUN a \\\r\n  b\r\nCMD c";
    const document = documentOf(source);
    const positions = new ForwardPositions(document, source);
    expect(positions.positionAt(2)).toEqual({ line: 0, character: 2 });
    expect(positions.positionAt(8)).toEqual({ line: 0, character: 7 });
    expect(positions.positionAt(9)).toEqual({ line: 1, character: 0 });
    expect(positions.positionAt(13)).toEqual({ line: 1, character: 3 });
    expect(positions.positionAt(14)).toEqual({ line: 2, character: 0 });
  });
});
