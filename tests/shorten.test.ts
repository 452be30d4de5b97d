import { describe, expect, it } from "vitest";
import { shorten } from "../lib/text/index.js";

describe("shorten", () => {
  it("keeps text within the limit as it is", () => {
    expect(shorten("node:20", 10)).toBe("node:20");
    expect(shorten("x".repeat(48))).toBe("x".repeat(48));
  });

  it("cuts longer text to the limit with an ellipsis in the middle, keeping both ends", () => {
    const cut = shorten("registry.example.com/team/very/deep/path/image:1.2.3", 24);
    expect(cut).toBe("registry.exa…image:1.2.3");
    expect(Array.from(cut)).toHaveLength(24);
  });

  it("never splits a character outside the basic plane", () => {
    const cut = shorten("😀".repeat(30), 9);
    expect(cut).toBe(`${"😀".repeat(4)}…${"😀".repeat(4)}`);
  });
});
