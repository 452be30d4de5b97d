/**
 * Each of the plugin's rules registers the same listener functions for every
 * file (lib/language/stable-listeners.ts), so that ESLint's table of listener
 * functions does not grow by a key per listener per file.
 */
import { Linter } from "eslint";
import type { RuleVisitor } from "@eslint/core";
import { describe, expect, it } from "vitest";
import plugin from "../index.js";
import { stableVisitor } from "../lib/language/stable-listeners.js";

const WITH_SUDO = "FROM debian:12\nRUN sudo apt-get update\n";
const WITHOUT = "FROM debian:12\nRUN apt-get update\n";

describe("stable listeners", () => {
  it("gives a rule the same listener functions for every file, each calling that file's listener", () => {
    const calls: string[] = [];
    const first = stableVisitor("test/rule", { Run: () => calls.push("first"), From: () => calls.push("first from") });
    const second = stableVisitor("test/rule", { Run: () => calls.push("second") });
    expect(second.Run).toBe(first.Run);
    expect(Object.keys(second)).toEqual(["Run"]);
    second.Run?.({}, undefined);
    // The earlier file's From listener is let go, not kept and not called.
    first.From?.({}, undefined);
    expect(calls).toEqual(["second"]);
  });

  it("hands back the same visitor for the same selectors, and a selector's function after a file without it", () => {
    const calls: string[] = [];
    const first = stableVisitor("test/again", { Copy: () => calls.push("one") });
    expect(stableVisitor("test/again", { Copy: () => calls.push("two") })).toBe(first);
    expect(stableVisitor("test/again", {})).toEqual({});
    first.Copy?.({}, undefined);
    const back = stableVisitor("test/again", { Copy: () => calls.push("three") });
    expect(back.Copy).toBe(first.Copy);
    back.Copy?.({}, undefined);
    expect(calls).toEqual(["three"]);
  });

  it("keeps the listeners of one rule under two ids apart", () => {
    const calls: string[] = [];
    const a = stableVisitor("a/rule", { Run: () => calls.push("a") });
    const b = stableVisitor("b/rule", { Run: () => calls.push("b") });
    expect(a.Run).not.toBe(b.Run);
    (a.Run as NonNullable<RuleVisitor["Run"]>)({}, undefined);
    (b.Run as NonNullable<RuleVisitor["Run"]>)({}, undefined);
    expect(calls).toEqual(["a", "b"]);
  });

  it("is how the plugin's rules register their listeners", () => {
    const rule = plugin.rules["no-sudo"] as unknown as { create(context: unknown): Record<string, unknown> };
    const context = (): unknown => ({ id: "dockerfile/no-sudo", options: [], sourceCode: { facts: {} }, report: () => undefined });
    const first = rule.create(context());
    expect(typeof first["Run"]).toBe("function");
    expect(rule.create(context())["Run"]).toBe(first["Run"]);
  });

  it("reports each file's own findings, file after file, with the plugin under two names at once", () => {
    const linter = new Linter({ configType: "flat" });
    const config: Linter.Config[] = [
      {
        files: ["**/Dockerfile"],
        plugins: { dockerfile: plugin, docker: plugin },
        language: "dockerfile/dockerfile",
        rules: { "dockerfile/no-sudo": "error", "docker/no-sudo": "warn" },
      },
    ];
    const lint = (text: string): string[] => linter.verify(text, config, { filename: "Dockerfile" }).map((message) => `${message.ruleId}:${message.line}`);
    expect(lint(WITH_SUDO)).toEqual(["dockerfile/no-sudo:2", "docker/no-sudo:2"]);
    expect(lint(WITHOUT)).toEqual([]);
    expect(lint(WITH_SUDO)).toEqual(["dockerfile/no-sudo:2", "docker/no-sudo:2"]);
  });
});
