/**
 * What every rule message must be: one sentence that says what is wrong and
 * why it matters, with the precise data, in about a terminal line. Checked on
 * the messages the rules really render, over their RuleTester invalid cases
 * (tests/rule-tester.ts) and over the corpus (tests/corpus/run-corpus.ts).
 */
export const MESSAGE_LIMIT = 140;

/** Rules whose messages are still being shortened; empty when every rule meets the limit. */
export const PENDING = new Set<string>([
]);

/** The problems of one rendered message, `[]` when it is fine. */
export function messageProblems(text: string): string[] {
  const problems: string[] = [];
  if (text.length > MESSAGE_LIMIT) problems.push(`${text.length} characters, more than ${MESSAGE_LIMIT}`);
  if (/[\r\n]/u.test(text)) problems.push("a line break");
  // A sentence end followed by a new capitalised sentence; quoted code ('a. B') is left out.
  const prose = text.replace(/'[^']*'/gu, "''");
  if (/[.!?]\s+[A-Z]/u.test(prose)) problems.push("more than one sentence");
  return problems;
}
