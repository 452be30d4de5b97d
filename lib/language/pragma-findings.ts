/**
 * Where ESLint's directives cannot do what a pragma means, the plugin's rules
 * are wrapped so that the pragma acts on their findings:
 * - Codes such as ShellCheck's `SC2086` name *some* findings of one rule,
 *   while a directive works by rule. A finding whose `data.code` a pragma
 *   names is reported at that code in the pragma, where a directive spanning
 *   just the code suppresses it: ESLint counts the directive as used, lists
 *   the finding among the suppressed ones, and reports a code that silenced
 *   nothing as an unused directive.
 * - By default pragmas are not reported as unused (ESLint reports unused
 *   directives unless told not to, and a migrated repository would get a
 *   warning for every pragma a more precise rule no longer needs): then the
 *   findings a pragma covers are dropped instead, and no directive is made.
 */
import type { RuleDefinition, RuleVisitor } from "@eslint/core";
import { FINDING_CODE_FAMILIES } from "../compat/index.js";
import type { SourceLocation } from "./tree/index.js";

/** Rules (by name) whose findings carry codes and that have been wrapped, so that pragmas may name their codes. */
const codeRules = new Set<string>();

export function acceptsFindingCodes(rule: string): boolean {
  return codeRules.has(rule);
}

/** Findings of `rule` on lines fromLine..toLine (with `code`, when set) that a pragma covers. */
export interface PragmaCover {
  rule: string;
  code?: string;
  fromLine: number;
  toLine: number;
  /** Set: report the finding here, where a directive suppresses it. Unset: drop it. */
  moveTo?: SourceLocation;
}

interface CoverSource {
  pragmaCovers(rule: string): readonly PragmaCover[];
}

type Descriptor = { loc?: SourceLocation | { line: number; column: number }; node?: { loc?: SourceLocation }; data?: Record<string, unknown> };

function lineOf(descriptor: Descriptor): number | undefined {
  const loc = descriptor.loc ?? descriptor.node?.loc;
  if (!loc) return undefined;
  return "start" in loc ? loc.start.line : loc.line;
}

function wrap(name: string, rule: RuleDefinition): RuleDefinition {
  return {
    ...rule,
    create(context) {
      const source = context.sourceCode as unknown as Partial<CoverSource>;
      const covers = source.pragmaCovers?.(name) ?? [];
      if (covers.length === 0) return rule.create(context);
      const report = (descriptor: Descriptor): void => {
        const line = lineOf(descriptor);
        const code = descriptor.data?.code;
        const cover =
          line === undefined
            ? undefined
            : covers.find((candidate) => line >= candidate.fromLine && line <= candidate.toLine && (candidate.code === undefined || candidate.code === code));
        if (cover && !cover.moveTo) return;
        const moved = cover?.moveTo ? { ...descriptor, node: undefined, loc: cover.moveTo } : descriptor;
        (context.report as (descriptor: unknown) => void)(moved);
      };
      const visitor: RuleVisitor = rule.create(Object.create(context, { report: { value: report } }) as typeof context);
      return visitor;
    },
  };
}

/** The plugin's rules, each wrapped so that pragmas act on its findings. */
export function honourPragmas<Rules extends Record<string, unknown>>(rules: Rules): Rules {
  const result: Record<string, unknown> = {};
  for (const family of FINDING_CODE_FAMILIES) if (rules[family.rule]) codeRules.add(family.rule);
  for (const [name, rule] of Object.entries(rules)) result[name] = wrap(name, rule as RuleDefinition);
  return result as Rules;
}
