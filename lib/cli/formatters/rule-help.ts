/**
 * The help a report shows beside a rule: the opening of the rule's page in
 * docs/rules/ (what the rule requires and why), read from the package, with
 * links made absolute so they work wherever the report is viewed.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { packageInfo } from "../../package-info.js";

export interface RuleHelp {
  text: string;
  markdown: string;
}

const HEADER_END = "<!-- end auto-generated rule header -->";
const PLUGIN_PREFIX = "dockerfile/";
const cache = new Map<string, RuleHelp | undefined>();

/** `[label](../x.md)` → `[label](https://…/docs/x.md)`; absolute links and anchors stay. */
function absoluteLinks(markdown: string, pageUrl: string): string {
  return markdown.replace(/\]\(([^()\s]+)\)/gu, (whole, target: string) => {
    if (URL.canParse(target) || target.startsWith("#")) return whole;
    return URL.canParse(target, pageUrl) ? `](${new URL(target, pageUrl).href})` : whole;
  });
}

/** Markdown reduced to text for viewers that show no markdown: links keep their label, code spans their content. */
function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^[\]]*)\]\([^()\s]*\)/gu, "$1")
    .replace(/`([^`]*)`/gu, "$1")
    .replace(/\*\*([^*]*)\*\*/gu, "$1");
}

/** The page's opening paragraphs and its "Why" section; `undefined` when there is no such page. */
export function ruleHelp(ruleId: string, pageUrl: string): RuleHelp | undefined {
  if (!ruleId.startsWith(PLUGIN_PREFIX)) return undefined;
  if (cache.has(ruleId)) return cache.get(ruleId);
  let help: RuleHelp | undefined;
  const name = ruleId.slice(PLUGIN_PREFIX.length);
  if (/^[a-z0-9-]+$/u.test(name)) {
    try {
      const page = readFileSync(path.join(packageInfo.root, "docs", "rules", `${name}.md`), "utf8");
      help = helpFromPage(page, pageUrl);
    } catch {
      help = undefined;
    }
  }
  cache.set(ruleId, help);
  return help;
}

export function helpFromPage(page: string, pageUrl: string): RuleHelp | undefined {
  const start = page.indexOf(HEADER_END);
  const body = start < 0 ? page : page.slice(start + HEADER_END.length);
  const sections = body.split(/^(?=## )/mu);
  const intro = sections[0]?.trim() ?? "";
  const why = sections.find((section) => section.startsWith("## Why"))?.trim();
  const intro1 = intro.split(/\n\s*\n/u)[0]?.trim() ?? "";
  if (intro1 === "") return undefined;
  const markdown = [intro, why, `[Rule documentation](${pageUrl})`].filter((part) => part !== undefined && part !== "").join("\n\n");
  return {
    text: `${plainText(intro1)} See ${pageUrl}`,
    markdown: absoluteLinks(markdown, pageUrl),
  };
}
