/**
 * `dockerfile-lint --format sarif`: the report is SARIF 2.1.0 that code
 * scanning accepts. The SARIF schema is not vendored, so `checkSarif` encodes
 * the fields the standard requires (and those GitHub reads) by hand.
 */
import { spawnSync } from "node:child_process";
import { cp, mkdir, readFile, readdir, symlink } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { relativeSarif } from "../../lib/cli/formatters/sarif-paths.js";
import { ROOT, STACK_LINE, ensureBuilt, makeProject, removeProject, runCli } from "../cli/helpers.js";

vi.setConfig({ testTimeout: 120_000 });
ensureBuilt();

const projects: string[] = [];
async function project(files: Record<string, string>): Promise<string> {
  const dir = await makeProject(files);
  projects.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(projects.splice(0).map(removeProject));
});

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The problems of a SARIF log, `[]` when it is valid: the properties SARIF
 * 2.1.0 requires (§3.13 sarifLog, §3.14 run, §3.18 toolComponent, §3.27
 * result, §3.11 message, §3.28 location, §3.29 physicalLocation, §3.4
 * artifactLocation, §3.30 region, §3.49 reportingDescriptor), and what code
 * scanning needs from an ESLint report: a rule id, a file and a line/column
 * region for each result, and a `helpUri` for each rule.
 */
function checkSarif(log: unknown): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, what: string): void => {
    if (!ok) problems.push(what);
  };
  if (!isObject(log)) return ["the log is not an object"];
  need(log.version === "2.1.0", "version must be '2.1.0'");
  need(typeof log.$schema === "string" && /sarif-2\.1\.0/u.test(log.$schema), "$schema must name SARIF 2.1.0");
  if (!Array.isArray(log.runs)) return [...problems, "runs must be an array"];
  log.runs.forEach((run: unknown, r) => {
    if (!isObject(run)) return void problems.push(`runs[${r}] is not an object`);
    const driver = isObject(run.tool) && isObject(run.tool.driver) ? run.tool.driver : undefined;
    need(typeof driver?.name === "string" && driver.name !== "", `runs[${r}].tool.driver.name is required`);
    const rules = Array.isArray(driver?.rules) ? (driver.rules as unknown[]) : [];
    const ruleIds = new Set<string>();
    rules.forEach((rule, i) => {
      const at = `runs[${r}].tool.driver.rules[${i}]`;
      if (!isObject(rule)) return void problems.push(`${at} is not an object`);
      need(typeof rule.id === "string" && rule.id !== "", `${at}.id is required`);
      need(typeof rule.helpUri === "string" && URL.canParse(rule.helpUri), `${at}.helpUri must be a URI`);
      if (typeof rule.id === "string") ruleIds.add(rule.id);
    });
    const bases = isObject(run.originalUriBaseIds) ? run.originalUriBaseIds : {};
    for (const [name, base] of Object.entries(bases)) {
      const uri = isObject(base) ? base.uri : undefined;
      need(typeof uri === "string" && URL.canParse(uri) && uri.endsWith("/"), `originalUriBaseIds.${name}.uri must be an absolute URI ending in /`);
    }
    if (!Array.isArray(run.results)) return void problems.push(`runs[${r}].results must be an array`);
    run.results.forEach((result: unknown, i) => {
      const at = `runs[${r}].results[${i}]`;
      if (!isObject(result)) return void problems.push(`${at} is not an object`);
      need(isObject(result.message) && typeof result.message.text === "string" && result.message.text !== "", `${at}.message.text is required`);
      need(typeof result.ruleId === "string" && ruleIds.has(result.ruleId), `${at}.ruleId must name a rule of the driver`);
      if (typeof result.ruleIndex === "number" && typeof result.ruleId === "string") {
        need(isObject(rules[result.ruleIndex]) && (rules[result.ruleIndex] as Json).id === result.ruleId, `${at}.ruleIndex must point at its rule`);
      }
      need(result.level === undefined || ["none", "note", "warning", "error"].includes(result.level as string), `${at}.level is not a SARIF level`);
      const locations = Array.isArray(result.locations) ? (result.locations as unknown[]) : [];
      need(locations.length > 0, `${at}.locations must not be empty`);
      locations.forEach((location, j) => {
        const where = `${at}.locations[${j}].physicalLocation`;
        const physical = isObject(location) && isObject(location.physicalLocation) ? location.physicalLocation : undefined;
        const artifact = isObject(physical?.artifactLocation) ? physical.artifactLocation : undefined;
        const uri = artifact?.uri;
        need(typeof uri === "string" && uri !== "", `${where}.artifactLocation.uri is required`);
        if (typeof uri === "string" && artifact?.uriBaseId !== undefined) {
          need(typeof artifact.uriBaseId === "string" && Object.hasOwn(bases, artifact.uriBaseId), `${where}.artifactLocation.uriBaseId must be declared`);
          need(!URL.canParse(uri), `${where}.artifactLocation.uri must be relative when it has a uriBaseId`);
        }
        const region = isObject(physical?.region) ? physical.region : undefined;
        const positive = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 1;
        need(positive(region?.startLine), `${where}.region.startLine must be an integer >= 1`);
        need(positive(region?.startColumn), `${where}.region.startColumn must be an integer >= 1`);
        if (region?.endLine !== undefined) need(positive(region.endLine) && (region.endLine as number) >= (region.startLine as number), `${where}.region.endLine`);
        if (region?.endColumn !== undefined) need(positive(region.endColumn), `${where}.region.endColumn`);
      });
    });
  });
  return problems;
}

interface SarifResult {
  ruleId: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number } } }[];
}
interface SarifRun {
  tool: { driver: { name: string; rules: { id: string; helpUri: string }[] } };
  results: SarifResult[];
  originalUriBaseIds?: Record<string, { uri: string }>;
}

function runOf(stdout: string): SarifRun {
  const log = JSON.parse(stdout) as { runs: SarifRun[] };
  const [run] = log.runs;
  if (!run) throw new Error("no run in the SARIF log");
  return run;
}

const BAD = 'FROM ubuntu\nCMD ["bash"]\n';
const PIN_ON = ["--rule", "dockerfile/pin-base-image: error"];

describe.concurrent("--format sarif", () => {
  it("writes a valid SARIF 2.1.0 log with rule ids, messages, relative URIs and regions", async () => {
    const dir = await project({ Dockerfile: BAD, "services/my api/Dockerfile.prod": "FROM node:latest\n" });
    const { code, stdout, stderr } = await runCli([...PIN_ON, "--format", "sarif"], { cwd: dir });
    expect(stderr).toBe("");
    expect(code).toBe(1);
    const log = JSON.parse(stdout) as unknown;
    expect(checkSarif(log)).toEqual([]);
    const run = runOf(stdout);
    const pins = run.results.filter((result) => result.ruleId === "dockerfile/pin-base-image");
    expect(pins.map((result) => result.locations[0]?.physicalLocation.artifactLocation.uri).sort()).toEqual([
      "Dockerfile",
      "services/my%20api/Dockerfile.prod",
    ]);
    const top = pins.find((result) => result.locations[0]?.physicalLocation.artifactLocation.uri === "Dockerfile");
    expect(top?.message.text).toContain("'ubuntu'");
    expect(top?.locations[0]?.physicalLocation.region).toMatchObject({ startLine: 1, startColumn: 6, endLine: 1, endColumn: 12 });
    expect(top?.locations[0]?.physicalLocation.artifactLocation.uriBaseId).toBe("%SRCROOT%");
    expect(run.originalUriBaseIds?.["%SRCROOT%"]?.uri).toBe(new URL(`file://${dir}/`).href);
    const rule = run.tool.driver.rules.find((entry) => entry.id === "dockerfile/pin-base-image");
    expect(rule?.helpUri).toMatch(/\/docs\/rules\/pin-base-image\.md$/u);
  });

  it("a clean run is a valid log with an empty results array, and exit code 0", async () => {
    const dir = await project({ Dockerfile: `FROM alpine:3.20@sha256:${"ab".repeat(32)}\nCMD ["sh"]\n` });
    const { code, stdout } = await runCli(["--format", "sarif"], { cwd: dir });
    expect(code).toBe(0);
    expect(checkSarif(JSON.parse(stdout))).toEqual([]);
    expect(runOf(stdout).results).toEqual([]);
  });

  it("--output-file writes the log to a file and nothing to stdout", async () => {
    const dir = await project({ Dockerfile: BAD });
    const { code, stdout } = await runCli([...PIN_ON, "-f", "sarif", "-o", "reports/lint.sarif"], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toBe("");
    const text = await readFile(path.join(dir, "reports/lint.sarif"), "utf8");
    expect(checkSarif(JSON.parse(text))).toEqual([]);
  });

  it("a file outside the working directory keeps its absolute file URI", async () => {
    const dir = await project({ "app/Dockerfile": BAD, "other/Dockerfile": BAD });
    const { stdout } = await runCli([...PIN_ON, "-f", "sarif", "Dockerfile", "../other/Dockerfile"], { cwd: path.join(dir, "app") });
    expect(checkSarif(JSON.parse(stdout))).toEqual([]);
    const uris = runOf(stdout).results.map((result) => result.locations[0]?.physicalLocation.artifactLocation.uri);
    expect(uris.sort()).toEqual(["Dockerfile", new URL(`file://${dir}/other/Dockerfile`).href]);
  });

  it("without @microsoft/eslint-formatter-sarif, says what to install and exits 2", async () => {
    // A copy of dist/ whose node_modules has everything but the formatter.
    const dir = await project({ "project/Dockerfile": BAD });
    const pkg = path.join(dir, "pkg");
    await cp(path.join(ROOT, "dist"), path.join(pkg, "dist"), { recursive: true });
    await cp(path.join(ROOT, "package.json"), path.join(pkg, "package.json"));
    await mkdir(path.join(pkg, "node_modules"));
    for (const name of await readdir(path.join(ROOT, "node_modules"))) {
      if (name === "@microsoft" || name === ".bin") continue;
      await symlink(path.join(ROOT, "node_modules", name), path.join(pkg, "node_modules", name));
    }
    const run = spawnSync(process.execPath, [path.join(pkg, "dist/bin/dockerfile-lint.js"), "--format", "sarif"], {
      cwd: path.join(dir, "project"),
      encoding: "utf8",
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.stderr.trim()).toBe(
      "dockerfile-lint: --format sarif needs @microsoft/eslint-formatter-sarif: run npm install --save-dev @microsoft/eslint-formatter-sarif",
    );
  });
});

describe("checkSarif", () => {
  it("reports each missing required field", () => {
    const log = {
      version: "2.1.0",
      $schema: "https://json.schemastore.org/sarif-2.1.0.json",
      runs: [
        {
          tool: { driver: { name: "", rules: [{ id: "r" }] } },
          results: [{ ruleId: "other", message: {}, locations: [{ physicalLocation: { artifactLocation: {}, region: { startLine: 0 } } }] }],
        },
      ],
    };
    expect(checkSarif(log)).toEqual([
      "runs[0].tool.driver.name is required",
      "runs[0].tool.driver.rules[0].helpUri must be a URI",
      "runs[0].results[0].message.text is required",
      "runs[0].results[0].ruleId must name a rule of the driver",
      "runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri is required",
      "runs[0].results[0].locations[0].physicalLocation.region.startLine must be an integer >= 1",
      "runs[0].results[0].locations[0].physicalLocation.region.startColumn must be an integer >= 1",
    ]);
    expect(checkSarif({ version: "2.0.0", runs: {} })).toEqual(["version must be '2.1.0'", "$schema must name SARIF 2.1.0", "runs must be an array"]);
  });
});

describe("relativeSarif", () => {
  it("leaves text that is not a SARIF log alone", () => {
    expect(relativeSarif("not json", "/work")).toBe("not json");
    expect(relativeSarif('{"a":1}', "/work")).toBe('{"a":1}');
  });

  it("rewrites artifact, result and notification URIs under the directory only", () => {
    const log = {
      version: "2.1.0",
      runs: [
        {
          artifacts: [{ location: { uri: "file:///work/app/Dockerfile" } }, { location: { uri: "file:///elsewhere/Dockerfile" } }],
          results: [{ locations: [{ physicalLocation: { artifactLocation: { uri: "file:///work/app/a%20b/Dockerfile" } } }] }],
          invocations: [
            { toolConfigurationNotifications: [{ locations: [{ physicalLocation: { artifactLocation: { uri: "file:///work/app/x" } } }] }] },
          ],
        },
      ],
    };
    const out = JSON.parse(relativeSarif(JSON.stringify(log), "/work/app")) as typeof log & {
      runs: { originalUriBaseIds: unknown }[];
    };
    const [run] = out.runs;
    expect(run?.artifacts).toEqual([
      { location: { uri: "Dockerfile", uriBaseId: "%SRCROOT%" } },
      { location: { uri: "file:///elsewhere/Dockerfile" } },
    ]);
    expect(run?.results[0]?.locations[0]?.physicalLocation.artifactLocation).toEqual({ uri: "a%20b/Dockerfile", uriBaseId: "%SRCROOT%" });
    expect(run?.invocations[0]?.toolConfigurationNotifications[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe("x");
    expect(run?.originalUriBaseIds).toEqual({ "%SRCROOT%": { uri: "file:///work/app/" } });
  });
});
