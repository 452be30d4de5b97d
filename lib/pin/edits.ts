/** Range edits on a file's text; nothing outside the ranges changes (line endings, comments, heredocs). */

export interface TextEdit {
  range: readonly [number, number];
  text: string;
}

/**
 * Applies non-overlapping edits. Identical edits of one range (an ARG
 * default that two FROM lines use) count once; two different texts for one
 * range, or overlapping ranges, are a bug in a finder and throw.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let out = "";
  let at = 0;
  let previous: TextEdit | null = null;
  for (const edit of sorted) {
    if (previous && previous.range[0] === edit.range[0] && previous.range[1] === edit.range[1]) {
      if (previous.text !== edit.text) throw new Error(`two different edits of ${edit.range[0]}-${edit.range[1]}`);
      continue;
    }
    if (edit.range[0] < at) throw new Error(`overlapping edits at ${edit.range[0]}`);
    out += text.slice(at, edit.range[0]) + edit.text;
    at = edit.range[1];
    previous = edit;
  }
  return out + text.slice(at);
}
