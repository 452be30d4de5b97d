/**
 * Lints every Dockerfile of the shared corpus (../shared/corpus/files) with
 * configs.all. Fails on any exception or fatal message, prints files,
 * findings per rule and time, and compares the counts with the committed
 * summary so that a change in findings shows in review.
 *
 *   npm run test:corpus                      check against tests/corpus/summary.json
 *   npm run test:corpus -- --update          rewrite the summary deliberately
 *   npm run test:corpus -- --rule <name> [--show N]   print findings of one rule
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ESLint } from "eslint";
import plugin from "../../index.js";
import { MESSAGE_LIMIT, PENDING, messageProblems } from "../message-style.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const corpusDir = path.resolve(root, "../shared/corpus/files");
const summaryPath = path.join(here, "summary.json");

const { values } = parseArgs({
  options: {
    update: { type: "boolean", default: false },
    rule: { type: "string" },
    show: { type: "string", default: "40" },
  },
});

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

if (!existsSync(corpusDir) || !statSync(corpusDir).isDirectory()) {
  console.error(`corpus: no corpus at ${corpusDir}`);
  process.exit(2);
}

const files = listFiles(corpusDir).sort();
const eslint = new ESLint({
  cwd: corpusDir,
  overrideConfigFile: true,
  overrideConfig: [
    ...plugin.configs.all,
    // Lint every corpus file, whatever its name.
    { files: ["**/*"], plugins: { dockerfile: plugin }, language: "dockerfile/dockerfile", rules: plugin.configs.all[0]?.rules ?? {} },
  ],
});

const started = performance.now();
const results = await eslint.lintFiles(files);
const seconds = (performance.now() - started) / 1000;

const findings: Record<string, number> = {};
/** The longest message of each rule, as rendered on real files. */
const longest: Record<string, { text: string; where: string }> = {};
const filesPerRule: Record<string, number> = {};
const fatal: string[] = [];
for (const result of results) {
  const seen = new Set<string>();
  for (const message of result.messages) {
    if (message.fatal || message.ruleId === null) {
      fatal.push(`${path.relative(corpusDir, result.filePath)}:${message.line}: ${message.message}`);
      continue;
    }
    findings[message.ruleId] = (findings[message.ruleId] ?? 0) + 1;
    if (message.message.length > (longest[message.ruleId]?.text.length ?? -1)) {
      longest[message.ruleId] = { text: message.message, where: `${path.relative(corpusDir, result.filePath)}:${message.line}` };
    }
    if (!seen.has(message.ruleId)) filesPerRule[message.ruleId] = (filesPerRule[message.ruleId] ?? 0) + 1;
    seen.add(message.ruleId);
  }
}

if (values.rule) {
  const id = values.rule.startsWith("dockerfile/") ? values.rule : `dockerfile/${values.rule}`;
  let shown = 0;
  const limit = Number(values.show);
  for (const result of results) {
    const lines = readFileSync(result.filePath, "utf8").split(/\r\n|[\r\n]/u);
    for (const message of result.messages) {
      if (message.ruleId !== id || shown >= limit) continue;
      shown++;
      console.log(`${path.relative(corpusDir, result.filePath)}:${message.line}:${message.column}  ${message.message}`);
      console.log(`    | ${(lines[message.line - 1] ?? "").slice(0, 200)}`);
    }
  }
  console.log(`\n${id}: ${findings[id] ?? 0} findings in ${filesPerRule[id] ?? 0} files (showing ${shown})`);
  process.exit(0);
}

const rules = Object.keys(plugin.rules).map((name) => `dockerfile/${name}`).sort();
const summary = Object.fromEntries(rules.map((rule) => [rule, { findings: findings[rule] ?? 0, files: filesPerRule[rule] ?? 0 }]));

console.log(`corpus: ${files.length} files, ${results.length} linted in ${seconds.toFixed(1)} s`);
console.log("| rule | findings | files | longest message |\n| --- | ---: | ---: | ---: |");
for (const rule of rules) {
  console.log(`| ${rule} | ${summary[rule]?.findings ?? 0} | ${summary[rule]?.files ?? 0} | ${longest[rule]?.text.length ?? "-"} |`);
}

let failed = false;
if (fatal.length > 0) {
  console.error(`\ncorpus: ${fatal.length} fatal messages or exceptions:`);
  for (const line of fatal.slice(0, 50)) console.error(`  ${line}`);
  failed = true;
}

const badMessages = rules.flatMap((rule) => {
  const entry = longest[rule];
  const problems = entry === undefined || PENDING.has(rule.slice("dockerfile/".length)) ? [] : messageProblems(entry.text);
  return problems.length === 0 || entry === undefined ? [] : [`${rule} at ${entry.where}: ${problems.join(", ")}: ${entry.text}`];
});
if (badMessages.length > 0) {
  console.error(`\ncorpus: messages must be one sentence of at most ${MESSAGE_LIMIT} characters:`);
  for (const line of badMessages) console.error(`  ${line}`);
  failed = true;
}

if (values.update) {
  writeFileSync(summaryPath, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`\ncorpus: wrote ${path.relative(root, summaryPath)}`);
} else if (existsSync(summaryPath)) {
  const committed = JSON.parse(readFileSync(summaryPath, "utf8")) as Record<string, { findings: number; files: number }>;
  const changed = [...new Set([...Object.keys(committed), ...rules])].filter(
    (rule) => committed[rule]?.findings !== summary[rule]?.findings || committed[rule]?.files !== summary[rule]?.files,
  );
  if (changed.length > 0) {
    console.error("\ncorpus: findings differ from tests/corpus/summary.json (run `npm run test:corpus -- --update` if the change is intended):");
    for (const rule of changed) {
      console.error(`  ${rule}: ${JSON.stringify(committed[rule] ?? null)} -> ${JSON.stringify(summary[rule] ?? null)}`);
    }
    failed = true;
  }
} else {
  console.error("\ncorpus: no tests/corpus/summary.json yet; run with --update to create it");
  failed = true;
}

process.exit(failed ? 1 : 0);
