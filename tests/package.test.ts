/** The published shape of the package: import by name, types, configs, peers. */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import plugin from "../index.js";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  exports: Record<string, { types: string; default: string }>;
  peerDependencies: Record<string, string>;
  engines: Record<string, string>;
  bin: Record<string, string>;
};

describe("package", () => {
  it("imports by its own name, from the build, with the same rules and configs", async () => {
    const built = (await import("eslint-plugin-dockerfile")).default;
    expect(Object.keys(built.rules).sort()).toEqual(Object.keys(plugin.rules).sort());
    expect(Object.keys(built.configs).sort()).toEqual(["all", "recommended", "strict"]);
    expect(built.meta.name).toBe("eslint-plugin-dockerfile");
  });

  it("ships type declarations and the CLI in the build", () => {
    const entry = pkg.exports["."];
    expect(entry && existsSync(new URL(`../${entry.types}`, import.meta.url))).toBe(true);
    expect(existsSync(new URL(`../${pkg.bin["dockerfile-lint"] ?? ""}`, import.meta.url))).toBe(true);
  });

  it.each(["sarif", "github", "gitlab"])("exports the %s formatter, a function ESLint can load", async (name) => {
    expect(pkg.exports[`./formatters/${name}`]).toEqual({ types: `./dist/lib/cli/formatters/${name}.d.ts`, default: `./formatters/${name}.js` });
    expect(existsSync(new URL(`../dist/lib/cli/formatters/${name}.d.ts`, import.meta.url))).toBe(true);
    const module = (await import(`eslint-plugin-dockerfile/formatters/${name}`)) as { default: unknown };
    expect(typeof module.default).toBe("function");
  });

  it("declares ESLint as a peer and the Node versions ESLint 10 needs", () => {
    expect(pkg.peerDependencies.eslint).toBe("^9.39.0 || ^10.0.0");
    expect(pkg.engines.node).toBe("^20.19.0 || ^22.13.0 || >=24");
  });
});

describe("CHANGELOG.md", () => {
  it("has a section for the package's version, and one for what is not released yet", () => {
    const changelog = readFileSync(new URL("../CHANGELOG.md", import.meta.url), "utf8");
    const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    expect(changelog).toMatch(new RegExp(`^## \\[${version.replaceAll(".", "\\.")}\\]`, "mu"));
    expect(changelog).toMatch(/^## \[Unreleased\]$/mu);
  });
});

describe("configs", () => {
  const block = (name: "recommended" | "strict" | "all") => {
    const [only] = plugin.configs[name];
    if (!only) throw new Error(`configs.${name} is empty`);
    return only;
  };

  it.each(["recommended", "strict", "all"] as const)("%s carries files, ignores, the plugin and the language", (name) => {
    const config = block(name);
    expect(config.files).toEqual(["**/Dockerfile", "**/Dockerfile.*", "**/*.Dockerfile", "**/*.dockerfile", "**/Containerfile", "**/Containerfile.*"]);
    expect(config.ignores).toEqual(["**/*.dockerignore"]);
    expect(config.language).toBe("dockerfile/dockerfile");
    expect(config.plugins?.dockerfile).toBe(plugin);
  });

  it("all turns on every rule as an error with default options", () => {
    const rules = block("all").rules ?? {};
    expect(Object.keys(rules).sort()).toEqual(Object.keys(plugin.rules).map((name) => `dockerfile/${name}`).sort());
    expect(new Set(Object.values(rules))).toEqual(new Set(["error"]));
  });

  it("recommended sets the cache rules as the issue of record says", () => {
    const rules = block("recommended").rules ?? {};
    for (const name of ["pin-base-image", "no-secrets-in-build-args", "apt-update-with-install"]) {
      expect(rules[`dockerfile/${name}`]).toBe("error");
    }
    for (const name of ["no-unpinned-download", "require-add-checksum", "secret-cache-bust", "valid-arg-default-in-from", "copy-manifests-first", "volatile-args-last"]) {
      expect(rules[`dockerfile/${name}`]).toBe("warn");
    }
    expect(rules["dockerfile/pin-package-versions"]).toEqual(["warn", { managers: ["pip", "npm", "gem", "go", "cargo"] }]);
  });

  it("strict makes everything an error, pins digests and wants exact package versions", () => {
    const rules = block("strict").rules ?? {};
    expect(Object.values(rules).every((entry) => entry === "error" || (Array.isArray(entry) && entry[0] === "error"))).toBe(true);
    expect(rules["dockerfile/pin-base-image"]).toEqual(["error", { digest: "always" }]);
    expect(rules["dockerfile/pin-package-versions"]).toEqual(["error", { allowRanges: false }]);
    for (const name of Object.keys(block("recommended").rules ?? {})) expect(rules).toHaveProperty([name]);
  });

  it("names only rules that exist", () => {
    for (const name of ["recommended", "strict"] as const) {
      for (const id of Object.keys(block(name).rules ?? {})) expect(plugin.rules).toHaveProperty([id.replace("dockerfile/", "")]);
    }
  });
});
