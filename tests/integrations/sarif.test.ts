/**
 * `--format sarif` and the SARIF formatter for `eslint -f`: the report
 * validates against the official SARIF 2.1.0 JSON schema (OASIS, errata 01,
 * vendored in tests/fixtures: no well-kept npm package ships it) and meets
 * what GitHub code scanning needs to show an alert.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, readFile, symlink } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import AjvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import type { ESLint } from "eslint";
import { describe, expect, it, vi } from "vitest";
import { artifactLocation, sarifLog } from "../../lib/cli/formatters/sarif.js";
import { helpFromPage } from "../../lib/cli/formatters/rule-help.js";
import { ROOT, ensureBuilt, runCli, temporaryProjects } from "../cli/helpers.js";

vi.setConfig({ testTimeout: 120_000 });
ensureBuilt();

const project = temporaryProjects();

const schema = JSON.parse(readFileSync(new URL("../fixtures/sarif-schema-2.1.0.json", import.meta.url), "utf8")) as object;
const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
ajvFormats.default(ajv);
const validateSchema = ajv.compile(schema);

/** Schema violations as `path message` lines, `[]` when the log is valid SARIF 2.1.0. */
function schemaProblems(log: unknown): string[] {
  if (validateSchema(log)) return [];
  return (validateSchema.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ""}`);
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const positive = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 1;

/**
 * What code scanning requires beyond the schema ("SARIF support for code
 * scanning"): each rule with an id, a short and a full description and help
 * text; each result with a message, a rule the driver declares, a relative
 * file path (absolute ones are read against the checkout) and all four
 * region numbers; at most 25,000 results and rules per run, 20 tags per rule.
 */
function codeScanningProblems(log: unknown): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, what: string): void => {
    if (!ok) problems.push(what);
  };
  if (!isObject(log)) return ["the log is not an object"];
  list(log.runs).forEach((run, r) => {
    if (!isObject(run)) return;
    const driver = isObject(run.tool) && isObject(run.tool.driver) ? run.tool.driver : {};
    need(typeof driver.name === "string" && driver.name !== "", `runs[${r}].tool.driver.name`);
    const rules = list(driver.rules);
    need(rules.length <= 25_000, `runs[${r}] has more than 25,000 rules`);
    rules.forEach((rule, i) => {
      const at = `runs[${r}].tool.driver.rules[${i}]`;
      const text = (value: unknown): boolean => isObject(value) && typeof value.text === "string" && value.text !== "";
      if (!isObject(rule)) return void problems.push(`${at} is not an object`);
      need(typeof rule.id === "string" && rule.id !== "", `${at}.id`);
      need(text(rule.shortDescription) && ((rule.shortDescription as Json).text as string).length <= 1024, `${at}.shortDescription.text`);
      need(text(rule.fullDescription), `${at}.fullDescription.text`);
      need(text(rule.help), `${at}.help.text`);
      need(list(isObject(rule.properties) ? rule.properties.tags : []).length <= 20, `${at} has more than 20 tags`);
    });
    const results = list(run.results);
    need(results.length <= 25_000, `runs[${r}] has more than 25,000 results`);
    results.forEach((result, i) => {
      const at = `runs[${r}].results[${i}]`;
      if (!isObject(result)) return void problems.push(`${at} is not an object`);
      need(isObject(result.message) && typeof result.message.text === "string" && result.message.text !== "", `${at}.message.text`);
      const index = result.ruleIndex;
      const declared = rules.findIndex((rule) => isObject(rule) && rule.id === result.ruleId);
      need(typeof result.ruleId === "string" && declared >= 0, `${at}.ruleId must name a rule of the driver`);
      need(index === undefined || index === declared, `${at}.ruleIndex must point at its rule`);
      const locations = list(result.locations);
      need(locations.length >= 1 && locations.length <= 1000, `${at}.locations`);
      locations.forEach((location, j) => {
        const where = `${at}.locations[${j}].physicalLocation`;
        const physical = isObject(location) && isObject(location.physicalLocation) ? location.physicalLocation : {};
        const artifact = isObject(physical.artifactLocation) ? physical.artifactLocation : {};
        need(typeof artifact.uri === "string" && artifact.uri !== "" && !URL.canParse(artifact.uri), `${where}.artifactLocation.uri must be a relative path`);
        const region = isObject(physical.region) ? physical.region : {};
        for (const key of ["startLine", "startColumn", "endLine", "endColumn"]) need(positive(region[key]), `${where}.region.${key}`);
      });
    });
  });
  return problems;
}

interface SarifResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }[];
  suppressions?: { kind: string; status: string; justification?: string }[];
  partialFingerprints: Record<string, string>;
}
interface SarifRule {
  id: string;
  shortDescription: { text: string };
  helpUri?: string;
  help: { text: string; markdown?: string };
}
interface SarifRun {
  tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } };
  results: SarifResult[];
  originalUriBaseIds: Record<string, { uri: string }>;
}

/** The log's single run, after checking the log against the schema and code scanning. */
function checkedRun(text: string): SarifRun {
  const log = JSON.parse(text) as { runs: SarifRun[] };
  expect(schemaProblems(log)).toEqual([]);
  expect(codeScanningProblems(log)).toEqual([]);
  expect(log.runs).toHaveLength(1);
  return log.runs[0] as SarifRun;
}

const uriOf = (result: SarifResult | undefined): string | undefined => result?.locations[0]?.physicalLocation.artifactLocation.uri;

const BAD = 'FROM ubuntu\nCMD ["bash"]\n';
const PIN = "dockerfile/pin-base-image";
const PIN_ON = ["--rule", `${PIN}: error`];
const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string; homepage: string };

describe.concurrent("dockerfile-lint --format sarif", () => {
  it("is valid SARIF 2.1.0 with the driver, rule ids, levels, messages, relative URIs and regions", async () => {
    const dir = await project({ Dockerfile: BAD, "services/my api/Dockerfile.prod": "FROM node:latest\n" });
    const { code, stdout, stderr } = await runCli([...PIN_ON, "--rule", "dockerfile/prefer-exec-form: warn", "--format", "sarif"], { cwd: dir });
    expect(stderr).toBe("");
    expect(code).toBe(1);
    const run = checkedRun(stdout);
    expect(run.tool.driver).toMatchObject({ name: "eslint-plugin-dockerfile", version: pkg.version, informationUri: pkg.homepage });
    const pins = run.results.filter((result) => result.ruleId === PIN);
    expect(pins.map(uriOf).sort()).toEqual(["Dockerfile", "services/my%20api/Dockerfile.prod"]);
    const top = pins.find((result) => uriOf(result) === "Dockerfile");
    expect(top?.level).toBe("error");
    expect(top?.message.text).toContain("'ubuntu'");
    expect(top?.locations[0]?.physicalLocation.region).toEqual({ startLine: 1, startColumn: 6, endLine: 1, endColumn: 12 });
    expect(top?.locations[0]?.physicalLocation.artifactLocation.uriBaseId).toBe("%SRCROOT%");
    expect(run.originalUriBaseIds["%SRCROOT%"]?.uri).toBe(pathToFileURL(`${dir}/`).href);
    // Only the rules that reported, each once.
    expect(run.tool.driver.rules.map((rule) => rule.id).sort()).toEqual([...new Set(run.results.map((result) => result.ruleId))].sort());
  });

  it("describes each rule with its page: description, help URI and the page's opening and Why section", async () => {
    const dir = await project({ Dockerfile: BAD });
    const { stdout } = await runCli([...PIN_ON, "-f", "sarif"], { cwd: dir });
    const rule = checkedRun(stdout).tool.driver.rules.find((entry) => entry.id === PIN);
    expect(rule?.helpUri).toMatch(/\/docs\/rules\/pin-base-image\.md$/u);
    expect(rule?.shortDescription.text).toBe("Require image references to name a fixed version (a tag other than `latest`, or a digest)");
    expect(rule?.help.text).toMatch(/^Require every image a Dockerfile pulls to name a fixed version.*See https:\/\/\S+pin-base-image\.md$/su);
    expect(rule?.help.markdown).toContain("## Why");
    expect(rule?.help.markdown).not.toContain("## Examples");
    // Relative links of the page are made absolute, next to the page.
    expect(rule?.help.markdown).toContain("](https://github.com/eslint-plugin-dockerfile/eslint-plugin-dockerfile/blob/main/docs/build-cache.md)");
  });

  it("a clean run is a valid log with no results and exit code 0", async () => {
    const dir = await project({ Dockerfile: `FROM alpine:3.20@sha256:${"ab".repeat(32)}\nCMD ["sh"]\n` });
    const { code, stdout } = await runCli(["--format", "sarif"], { cwd: dir });
    expect(code).toBe(0);
    const run = checkedRun(stdout);
    expect(run.results).toEqual([]);
    expect(run.tool.driver.rules).toEqual([]);
  });

  it("--output-file writes the log to a file and nothing to stdout", async () => {
    const dir = await project({ Dockerfile: BAD });
    const { code, stdout } = await runCli([...PIN_ON, "-f", "sarif", "-o", "reports/lint.sarif"], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(checkedRun(await readFile(path.join(dir, "reports/lint.sarif"), "utf8")).results).toHaveLength(1);
  });

  it("a file outside the working directory is a ../ reference against the same base", async () => {
    const dir = await project({ "app/Dockerfile": BAD, "other/Dockerfile": BAD });
    const { stdout } = await runCli([...PIN_ON, "-f", "sarif", "Dockerfile", "../other/Dockerfile"], { cwd: path.join(dir, "app") });
    const run = checkedRun(stdout);
    expect(run.results.map(uriOf).sort()).toEqual(["../other/Dockerfile", "Dockerfile"]);
    expect(run.results.every((result) => result.locations[0]?.physicalLocation.artifactLocation.uriBaseId === "%SRCROOT%")).toBe(true);
    expect(run.originalUriBaseIds["%SRCROOT%"]?.uri).toBe(pathToFileURL(`${dir}/app/`).href);
    // Resolving the reference against the base gives the file back.
    expect(new URL("../other/Dockerfile", run.originalUriBaseIds["%SRCROOT%"]?.uri).href).toBe(pathToFileURL(`${dir}/other/Dockerfile`).href);
  });

  it("a finding suppressed by a comment is a result with an in-source suppression and its justification", async () => {
    const dir = await project({
      Dockerfile: `# eslint-disable-next-line ${PIN} -- the platform team updates this image\nFROM ubuntu\nFROM node:latest\n`,
    });
    const { code, stdout } = await runCli([...PIN_ON, "-f", "sarif"], { cwd: dir });
    expect(code).toBe(1);
    const results = checkedRun(stdout).results.filter((result) => result.ruleId === PIN);
    expect(results.map((result) => [result.locations[0]?.physicalLocation.region.startLine, result.suppressions])).toEqual([
      [3, undefined],
      [2, [{ kind: "inSource", status: "accepted", justification: "the platform team updates this image" }]],
    ]);
  });

  it("findings without a rule id (an unused directive) get a rule of their own", async () => {
    const dir = await project({ Dockerfile: `# eslint-disable-next-line ${PIN}\nFROM alpine:3.20@sha256:${"ab".repeat(32)}\n` });
    const { stdout } = await runCli(["-f", "sarif"], { cwd: dir });
    const run = checkedRun(stdout);
    expect(run.results.map((result) => [result.ruleId, result.level])).toEqual([["unused-disable-directive", "warning"]]);
    expect(run.tool.driver.rules[0]?.id).toBe("unused-disable-directive");
  });

  it("fingerprints keep a finding's identity when lines above it move, and tell identical findings apart", async () => {
    const first = await project({ Dockerfile: "FROM ubuntu\nFROM ubuntu\n" });
    const moved = await project({ Dockerfile: "# a comment above\n\nFROM ubuntu\nFROM ubuntu\n" });
    const prints = async (dir: string): Promise<string[]> =>
      checkedRun((await runCli([...PIN_ON, "-f", "sarif"], { cwd: dir })).stdout).results.map((result) => Object.values(result.partialFingerprints).join());
    const [a, b] = [await prints(first), await prints(moved)];
    expect(a).toHaveLength(2);
    expect(new Set(a).size).toBe(2);
    expect(b).toEqual(a);
  });

  it("needs no SARIF formatter package: none is installed", () => {
    const resolve = (name: string): boolean => {
      try {
        createRequire(path.join(ROOT, "noop.js")).resolve(name);
        return true;
      } catch {
        return false;
      }
    };
    expect(resolve("@microsoft/eslint-formatter-sarif")).toBe(false);
    expect(resolve("ajv")).toBe(true);
  });
});

describe.concurrent("the SARIF formatter for ESLint", () => {
  it("eslint -f ./node_modules/eslint-plugin-dockerfile/formatters/sarif.js, with the plugin's config", async () => {
    const dir = await project({
      Dockerfile: BAD,
      "eslint.config.js": 'import dockerfile from "eslint-plugin-dockerfile";\nexport default [...dockerfile.configs.recommended];\n',
    });
    await mkdir(path.join(dir, "node_modules"));
    await symlink(ROOT, path.join(dir, "node_modules/eslint-plugin-dockerfile"), "dir");
    const eslint = spawnSync(
      process.execPath,
      [path.join(ROOT, "node_modules/eslint/bin/eslint.js"), "-f", "./node_modules/eslint-plugin-dockerfile/formatters/sarif.js", "."],
      { cwd: dir, encoding: "utf8" },
    );
    expect(eslint.stderr).toBe("");
    expect(eslint.status).toBe(1);
    const run = checkedRun(eslint.stdout);
    expect(run.results.map((result) => [result.ruleId, uriOf(result)])).toContainEqual([PIN, "Dockerfile"]);
    expect(run.originalUriBaseIds["%SRCROOT%"]?.uri).toBe(pathToFileURL(`${dir}/`).href);
  });

  it("is the package export eslint-plugin-dockerfile/formatters/sarif", async () => {
    const module = (await import("eslint-plugin-dockerfile/formatters/sarif")) as { default: ESLint.FormatterFunction };
    const results: ESLint.LintResult[] = [
      {
        filePath: path.join(ROOT, "Dockerfile"),
        messages: [{ ruleId: "other/rule", severity: 1, message: "Something.", line: 2, column: 3 }],
        suppressedMessages: [],
        errorCount: 0,
        fatalErrorCount: 0,
        warningCount: 1,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        usedDeprecatedRules: [],
      },
    ];
    const run = checkedRun(await module.default(results, { cwd: ROOT, rulesMeta: {} }));
    // A rule of another plugin, with no page: described by its id; an end-less finding is an empty region.
    expect(run.tool.driver.rules).toEqual([
      { id: "other/rule", shortDescription: { text: "The other/rule rule." }, fullDescription: { text: "The other/rule rule." }, help: { text: "The other/rule rule." } },
    ]);
    expect(run.results[0]?.locations[0]?.physicalLocation.region).toEqual({ startLine: 2, startColumn: 3, endLine: 2, endColumn: 3 });
  });
});

describe("checks of the checks", () => {
  const valid = sarifLog([], { cwd: "/work/app", rulesMeta: {} });

  it("the schema rejects what SARIF 2.1.0 does not allow", () => {
    expect(schemaProblems(valid)).toEqual([]);
    const badLevel = structuredClone(valid) as unknown as { runs: { results: unknown[] }[] };
    badLevel.runs[0]?.results.push({ message: { text: "x" }, level: "fatal" });
    expect(schemaProblems(badLevel).join("\n")).toContain("/runs/0/results/0/level must be equal to one of the allowed values");
    expect(schemaProblems({ version: "2.0.0", runs: [] }).length).toBeGreaterThan(0);
  });

  it("the code scanning check reports each missing field", () => {
    const log = {
      version: "2.1.0",
      runs: [
        {
          tool: { driver: { name: "", rules: [{ id: "r", shortDescription: { text: "d" } }] } },
          results: [{ ruleId: "other", message: {}, locations: [{ physicalLocation: { artifactLocation: { uri: "file:///a" }, region: { startLine: 0 } } }] }],
        },
      ],
    };
    expect(codeScanningProblems(log)).toEqual([
      "runs[0].tool.driver.name",
      "runs[0].tool.driver.rules[0].fullDescription.text",
      "runs[0].tool.driver.rules[0].help.text",
      "runs[0].results[0].message.text",
      "runs[0].results[0].ruleId must name a rule of the driver",
      "runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri must be a relative path",
      "runs[0].results[0].locations[0].physicalLocation.region.startLine",
      "runs[0].results[0].locations[0].physicalLocation.region.startColumn",
      "runs[0].results[0].locations[0].physicalLocation.region.endLine",
      "runs[0].results[0].locations[0].physicalLocation.region.endColumn",
    ]);
  });
});

describe("SARIF building blocks", () => {
  it("artifact locations: relative and percent-encoded under the base, ../ outside it", () => {
    expect(artifactLocation("/work/app/a b/Dockerfile", "/work/app")).toEqual({ uri: "a%20b/Dockerfile", uriBaseId: "%SRCROOT%" });
    expect(artifactLocation("/work/other/Dockerfile#1", "/work/app")).toEqual({ uri: "../other/Dockerfile%231", uriBaseId: "%SRCROOT%" });
  });

  it("rule help: the opening and the Why section, links made absolute, nothing for a page without text", () => {
    const page = "# r\n\nheader\n\n<!-- end auto-generated rule header -->\n\nRequire `x`, see [cache](../build-cache.md).\n\nMore.\n\n## Why\n\nBecause [docs](https://docs.docker.com/) say so.\n\n## Examples\n\nFROM x\n";
    const help = helpFromPage(page, "https://example.com/docs/rules/r.md");
    expect(help).toEqual({
      text: "Require x, see cache. See https://example.com/docs/rules/r.md",
      markdown:
        "Require `x`, see [cache](https://example.com/docs/build-cache.md).\n\nMore.\n\n## Why\n\nBecause [docs](https://docs.docker.com/) say so.\n\n[Rule documentation](https://example.com/docs/rules/r.md)",
    });
    expect(helpFromPage("<!-- end auto-generated rule header -->\n\n## Examples\n", "https://example.com/r.md")).toBeUndefined();
  });
});
