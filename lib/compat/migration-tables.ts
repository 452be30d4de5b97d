/**
 * The tables of docs/migrating-from-hadolint.md, written from the mapping in
 * codes.ts so that the page and the pragma handling cannot disagree.
 */
import { BUILDKIT_CHECKS, FINDING_CODE_FAMILIES, HADOLINT_CODES } from "./codes.js";

function links(rules: readonly string[]): string {
  return rules.map((rule) => `[${rule}](rules/${rule}.md)`).join(", ");
}

function here(entry: { rules: readonly string[]; note?: string; why?: string }): string {
  if (entry.rules.length === 0) return entry.why ?? "Not covered.";
  if (!entry.note) return links(entry.rules);
  return entry.note.startsWith(";") ? `${links(entry.rules)}${entry.note}` : `${links(entry.rules)} ${entry.note}`;
}

/** `ruleNames`: the plugin's rules, so that a row names a rule only once the plugin has it. */
export function hadolintTable(ruleNames: ReadonlySet<string>): string {
  const rows = ["| hadolint | What it checks | Here |", "|---|---|---|"];
  for (const entry of HADOLINT_CODES) {
    const code = entry.through ? `${entry.code}–${entry.through}` : entry.code;
    rows.push(`| ${code} | ${entry.checks} | ${here(entry)} |`);
  }
  for (const family of FINDING_CODE_FAMILIES) {
    const text = ruleNames.has(family.rule) ? `${links([family.rule])} ${family.note}` : family.missing;
    rows.push(`| ${family.label} | ${family.checks} | ${text} |`);
  }
  return rows.join("\n");
}

export function buildkitTable(): string {
  const rows = ["| BuildKit check | Here |", "|---|---|"];
  for (const check of BUILDKIT_CHECKS) rows.push(`| ${check.name} | ${here(check)} |`);
  return rows.join("\n");
}

/** Replaces the text between `<!-- begin generated: name -->` and `<!-- end generated: name -->`. */
export function replaceGenerated(page: string, name: string, content: string): string {
  const begin = `<!-- begin generated: ${name} -->`;
  const end = `<!-- end generated: ${name} -->`;
  const from = page.indexOf(begin);
  const to = page.indexOf(end);
  if (from < 0 || to < from) throw new Error(`no generated region '${name}' in the page`);
  return `${page.slice(0, from + begin.length)}\n${content}\n${page.slice(to)}`;
}

/** The migration page with both tables brought in step with the mapping. */
export function migrationPage(page: string, ruleNames: ReadonlySet<string>): string {
  return replaceGenerated(replaceGenerated(page, "hadolint table", hadolintTable(ruleNames)), "buildkit table", buildkitTable());
}
