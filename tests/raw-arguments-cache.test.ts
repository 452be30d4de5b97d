/**
 * The parse-time cache of dockerfile-ast's argument scan: it must give every
 * accessor the same answers as dockerfile-ast alone, scan each instruction
 * about once, and leave dockerfile-ast as it found it.
 */
import { readFileSync } from "node:fs";
import { DockerfileParser, Instruction, ModifiableInstruction } from "dockerfile-ast";
import { describe, expect, it } from "vitest";
import { withCachedRawArguments } from "../lib/language/tree/raw-arguments-cache.js";
import { corpusFiles } from "./robustness/harness.js";


function corpusTexts(every: number): string[] {
  return corpusFiles().filter((_, i) => i % every === 0).map((file) => readFileSync(file, "utf8"));
}

/** What rules and the tree read from an instruction, as plain data. */
function accessorsOf(instruction: Instruction): unknown {
  const args = (list: { getValue(): string; getRange(): unknown }[]) => list.map((arg) => [arg.getValue(), arg.getRange()]);
  return {
    keyword: instruction.getKeyword(),
    arguments: args(instruction.getArguments()),
    again: args(instruction.getArguments()),
    range: instruction.getArgumentsRange(),
    content: instruction.getRawArgumentsContent(),
    flags:
      instruction instanceof ModifiableInstruction
        ? instruction.getFlags().map((flag) => [flag.getName(), flag.getValue(), flag.getOptions().map((o) => [o.getName(), o.getValue()])])
        : null,
  };
}

const prototype = Instruction.prototype as unknown as { getRawArguments: (this: Instruction) => unknown[] };

function countingScans<T>(run: () => T): { result: T; scans: number } {
  const scan = prototype.getRawArguments;
  let scans = 0;
  prototype.getRawArguments = function counted(this: Instruction) {
    scans++;
    return scan.call(this);
  };
  try {
    return { result: run(), scans };
  } finally {
    prototype.getRawArguments = scan;
  }
}

describe("dockerfile-ast argument scan cache", () => {
  const texts = corpusTexts(5);

  it("gives every accessor the same answers as dockerfile-ast alone, on corpus files", () => {
    expect(texts.length).toBeGreaterThan(250);
    for (const text of texts) {
      const plain = DockerfileParser.parse(text).getInstructions().map(accessorsOf);
      const cached = withCachedRawArguments(() => DockerfileParser.parse(text).getInstructions().map(accessorsOf));
      expect(cached).toEqual(plain);
    }
  });

  it("scans each instruction about once instead of several times", () => {
    const text = texts.slice(0, 40).join("\n");
    const instructions = DockerfileParser.parse(text).getInstructions().length;
    const readAll = () => DockerfileParser.parse(text).getInstructions().map(accessorsOf);
    const plain = countingScans(readAll);
    const cached = countingScans(() => withCachedRawArguments(readAll));
    expect(plain.scans / instructions).toBeGreaterThan(3);
    // dockerfile-ast builds every JSON-form instruction twice while parsing: both copies share one scan.
    expect(cached.scans / instructions).toBeLessThan(1.1);
  });

  it("keeps the scans of two texts apart when they parse in one wrapper, even at the same positions", () => {
    const values = withCachedRawArguments(() =>
      ["RUN make all\n", "RUN echo hi\n"].map((text) => DockerfileParser.parse(text).getInstructions()[0]?.getArguments().map((arg) => arg.getValue())),
    );
    expect(values).toEqual([
      ["make", "all"],
      ["echo", "hi"],
    ]);
  });

  it("hands out a fresh array each time, so dockerfile-ast's own shift() of flags cannot eat arguments", () => {
    const [run] = withCachedRawArguments(() => DockerfileParser.parse("RUN --mount=type=cache,target=/c --network=none make all\n").getInstructions());
    expect(run?.getArguments().map((arg) => arg.getValue())).toEqual(["make", "all"]);
    expect(run?.getArguments().map((arg) => arg.getValue())).toEqual(["make", "all"]);
    expect((run as ModifiableInstruction).getFlags().map((flag) => flag.getName())).toEqual(["mount", "network"]);
  });

  it("restores dockerfile-ast's method after the parse, also when the parse throws", () => {
    const original = prototype.getRawArguments;
    withCachedRawArguments(() => DockerfileParser.parse("FROM a\n"));
    expect(prototype.getRawArguments).toBe(original);
    expect(() =>
      withCachedRawArguments(() => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(prototype.getRawArguments).toBe(original);
    // Instructions parsed outside the wrapper scan as before.
    const [from] = DockerfileParser.parse("FROM a AS b\n").getInstructions();
    expect(Object.hasOwn(from ?? {}, "getRawArguments")).toBe(false);
  });

  it("installs one function for every parse, holding no parse's scans once it is over", () => {
    // A closure per parse, stored on the long-lived prototype, kept its parse's scans alive past the parse.
    const installed = [1, 2].map(() => withCachedRawArguments(() => prototype.getRawArguments));
    expect(installed[0]).toBeTypeOf("function");
    expect(installed[0]).toBe(installed[1]);
    expect(installed[0]).not.toBe(prototype.getRawArguments);
    // Called outside a parse, it is dockerfile-ast's own scan.
    const [run] = DockerfileParser.parse("RUN make all\n").getInstructions();
    expect(installed[0]?.call(run as Instruction)).toEqual(prototype.getRawArguments.call(run as Instruction));
  });

  it("lets a parse inside a parse share the outer one's scans and leaves the method in place until the outer one ends", () => {
    const original = prototype.getRawArguments;
    const inner = withCachedRawArguments(() => {
      const parsed = withCachedRawArguments(() => DockerfileParser.parse("RUN --mount=type=cache,target=/x make\n"));
      expect(prototype.getRawArguments).not.toBe(original);
      return parsed;
    });
    expect(prototype.getRawArguments).toBe(original);
    expect(inner.getInstructions()[0]?.getArguments().map((arg) => arg.getValue())).toEqual(["make"]);
  });
});
