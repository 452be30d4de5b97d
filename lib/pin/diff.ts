/**
 * A unified diff of two versions of a file whose edits stay within lines (a
 * digest appended to a reference never adds or removes a line), with three
 * lines of context, as `git diff` prints it.
 */
const CONTEXT = 3;

function splitLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

export function unifiedDiff(before: string, after: string, name: string): string {
  if (before === after) return "";
  const a = splitLines(before);
  const b = splitLines(after);
  if (a.length !== b.length) throw new Error("unifiedDiff expects edits within lines");
  const changed: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) changed.push(i);

  // Group changed lines whose context overlaps into one hunk.
  const hunks: [number, number][] = [];
  for (const line of changed) {
    const start = Math.max(0, line - CONTEXT);
    const end = Math.min(a.length, line + CONTEXT + 1);
    const last = hunks.at(-1);
    if (last && start <= last[1]) last[1] = end;
    else hunks.push([start, end]);
  }

  // Carriage returns are shown as the lines' content would be, without them.
  const show = (line: string | undefined): string => (line ?? "").replace(/\r$/u, "");
  let out = `--- a/${name}\n+++ b/${name}\n`;
  for (const [start, end] of hunks) {
    const length = end - start;
    out += `@@ -${start + 1},${length} +${start + 1},${length} @@\n`;
    for (let i = start; i < end; i++) {
      if (a[i] === b[i]) out += ` ${show(a[i])}\n`;
      else out += `-${show(a[i])}\n`;
      if (a[i] !== b[i]) out += `+${show(b[i])}\n`;
    }
  }
  return out;
}
