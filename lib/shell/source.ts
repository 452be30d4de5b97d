/**
 * A piece of shell text and the way its offsets map back to the outermost
 * script. Nested scripts (backtick contents, `sh -c` arguments) are derived
 * text, so each of their code units records where its source representation
 * starts and ends in the outer script: that keeps every reported range exact
 * even when an escape like `\"` became one character.
 */
export class ShellSource {
  readonly text: string;
  /** Outer offset of local offset 0 when there are no maps, or of an empty text. */
  private readonly base: number;
  private readonly starts: number[] | null;
  private readonly ends: number[] | null;

  constructor(text: string, base: number, starts: number[] | null = null, ends: number[] | null = null) {
    this.text = text;
    this.base = base;
    this.starts = starts;
    this.ends = ends;
  }

  /** Outer offset where the character at local `i` begins (or the end, for `i === length`). */
  startAt(i: number): number {
    if (!this.starts || !this.ends) return this.base + i;
    if (i < this.starts.length) return this.starts[Math.max(i, 0)] ?? this.base;
    return this.ends[this.ends.length - 1] ?? this.base;
  }

  /** Outer offset just past the character before local `i`, for exclusive ends. */
  endAt(i: number): number {
    if (!this.starts || !this.ends) return this.base + i;
    if (i > 0) return this.ends[Math.min(i, this.ends.length) - 1] ?? this.base;
    return this.starts[0] ?? this.base;
  }

  /** The local range [a, b) as a source of its own, keeping the mapping. */
  region(a: number, b: number): ShellSource {
    const text = this.text.slice(a, b);
    if (!this.starts || !this.ends) return new ShellSource(text, this.base + a);
    return new ShellSource(text, this.startAt(a), this.starts.slice(a, b), this.ends.slice(a, b));
  }

  /**
   * A derived text whose character `j` came from the local range
   * [spanStarts[j], spanEnds[j]) of this source.
   */
  derive(text: string, spanStarts: number[], spanEnds: number[], origin: number): ShellSource {
    const starts = new Array<number>(text.length);
    const ends = new Array<number>(text.length);
    for (let j = 0; j < text.length; j++) {
      starts[j] = this.startAt(spanStarts[j] ?? origin);
      ends[j] = this.endAt(spanEnds[j] ?? origin);
    }
    return new ShellSource(text, this.startAt(origin), starts, ends);
  }
}
