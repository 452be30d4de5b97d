/**
 * Codes such as ShellCheck's `SC2086` name some findings of one rule. A pragma
 * `# hadolint ignore=SC2086` must silence those and no other finding of the
 * rule, which ESLint's directives (by rule only) cannot express. So such a
 * rule is wrapped: a finding whose `data.code` a pragma names is reported at
 * that code in the pragma, where a directive spanning just the code
 * suppresses it. ESLint then counts the directive as used, lists the finding
 * among the suppressed ones, and reports a code that silenced nothing as an
 * unused directive when asked.
 */
import type { RuleDefinition, RuleVisitor } from "@eslint/core";
import { FINDING_CODE_FAMILIES } from "../compat/index.js";
import type { SourceLocation } from "./tree/index.js";

/** Rules (by name) that have been wrapped, so that pragmas may name their codes. */
const wrapped = new Set<string>();

export function acceptsFindingCodes(rule: string): boolean {
  return wrapped.has(rule);
}

export interface FindingTarget {
  rule: string;
  code: string;
  /** Lines (1-based, inclusive) whose findings the pragma covers. */
  fromLine: number;
  toLine: number;
  /** Where the code is written in the pragma. */
  loc: SourceLocation;
}

interface TargetSource {
  findingTargets(rule: string): readonly FindingTarget[];
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
      const source = context.sourceCode as unknown as Partial<TargetSource>;
      const targets = source.findingTargets?.(name) ?? [];
      if (targets.length === 0) return rule.create(context);
      const report = (descriptor: Descriptor): void => {
        const code = descriptor.data?.code;
        const line = lineOf(descriptor);
        const target =
          typeof code === "string" && line !== undefined
            ? targets.find((candidate) => candidate.code === code && line >= candidate.fromLine && line <= candidate.toLine)
            : undefined;
        const moved = target ? { ...descriptor, node: undefined, loc: target.loc } : descriptor;
        (context.report as (descriptor: unknown) => void)(moved);
      };
      return rule.create(Object.create(context, { report: { value: report } }) as typeof context) as RuleVisitor;
    },
  };
}

/** The rules with every rule that reports codes pragmas can name wrapped; the others unchanged. */
export function honourFindingCodes<Rules extends Record<string, unknown>>(rules: Rules): Rules {
  const result: Record<string, unknown> = { ...rules };
  for (const family of FINDING_CODE_FAMILIES) {
    const rule = rules[family.rule] as RuleDefinition | undefined;
    if (!rule) continue;
    wrapped.add(family.rule);
    result[family.rule] = wrap(family.rule, rule);
  }
  return result as Rules;
}
