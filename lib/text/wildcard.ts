/**
 * A wildcard matcher that never backtracks: patterns compile to a small
 * automaton that reads the text once, carrying the set of states it may be
 * in (Thompson's construction) as a bit set. Time is text length × pattern
 * length / 32, whatever the stars; a regular expression built from `*` can take
 * length^stars, and both the pattern and the text may come from the linted
 * tree (a `.dockerignore` line, a COPY source, an image name).
 */

/** One piece of a pattern. */
export type WildcardToken =
  /** One character equal to `char` (case-insensitively when asked). */
  | { kind: "char"; char: string }
  /** One character that passes `test`. */
  | { kind: "one"; test: (char: string) => boolean }
  /** Any number of characters that pass `test`. */
  | { kind: "star"; test: (char: string) => boolean }
  /** Nothing, or any number of characters that pass `test` and then a `/` (a `**` then `/` of a path). */
  | { kind: "dirs"; test: (char: string) => boolean }
  /** Nothing, before the first character only (a `^` anchor). */
  | { kind: "start" };

export interface WildcardMatcher {
  /** True when the whole text matches. */
  test(text: string): boolean;
}

/** State kinds. */
const Op = { Char: 0, One: 1, Star: 2, Split: 3, Match: 4, Start: 5 } as const;
type Op = (typeof Op)[keyof typeof Op];

interface State {
  op: Op;
  char: string;
  test: (char: string) => boolean;
  /** The state after this one (Split: the first branch). */
  next: number;
  /** Split: the second branch. */
  alt: number;
}

const always = (): boolean => true;

/** Repeated stars, or repeated `**` then `/` groups, add nothing. */
function collapse(tokens: readonly WildcardToken[]): WildcardToken[] {
  const out: WildcardToken[] = [];
  for (const token of tokens) {
    const previous = out.at(-1);
    if ((token.kind === "star" || token.kind === "dirs") && previous?.kind === token.kind && previous.test === token.test) continue;
    out.push(token);
  }
  return out;
}

/** A set of states, one bit each. */
class Bits {
  readonly words: Uint32Array;
  constructor(size: number) {
    this.words = new Uint32Array(Math.ceil((size + 1) / 32));
  }
  set(index: number): void {
    this.words[index >>> 5] = (this.words[index >>> 5] ?? 0) | (1 << (index & 31));
  }
  has(index: number): boolean {
    return (((this.words[index >>> 5] ?? 0) >>> (index & 31)) & 1) === 1;
  }
}

/** `target |= (source & mask) << by`, over whole words. */
function orShifted(target: Uint32Array, source: Uint32Array, mask: Uint32Array, by: number): boolean {
  let changed = false;
  const whole = by >>> 5;
  const bits = by & 31;
  for (let i = target.length - 1; i >= whole; i--) {
    const low = i - whole;
    let value = ((source[low] ?? 0) & (mask[low] ?? 0)) << bits;
    if (bits > 0 && low > 0) value |= ((source[low - 1] ?? 0) & (mask[low - 1] ?? 0)) >>> (32 - bits);
    const before = target[i] ?? 0;
    const after = (before | value) >>> 0;
    if (after !== before) {
      target[i] = after;
      changed = true;
    }
  }
  return changed;
}

/**
 * Compiles tokens into a matcher of whole texts, read by code point. The state
 * set is a bit set, so each character costs (pattern length / 32) word
 * operations, plus one test per distinct kind of wildcard.
 */
export function wildcardMatcher(tokens: readonly WildcardToken[], options: { ignoreCase?: boolean } = {}): WildcardMatcher {
  const ignoreCase = options.ignoreCase === true;
  const states: State[] = [];
  const add = (state: Omit<State, "char" | "test" | "alt"> & Partial<State>): number => {
    states.push({ char: "", test: always, alt: -1, ...state });
    return states.length - 1;
  };
  for (const token of collapse(tokens)) {
    const here = states.length;
    switch (token.kind) {
      case "char":
        add({ op: Op.Char, char: ignoreCase ? token.char.toLowerCase() : token.char, next: here + 1 });
        break;
      case "one":
        add({ op: Op.One, test: token.test, next: here + 1 });
        break;
      case "star":
        // Loops on itself; the closure also steps to the next state.
        add({ op: Op.Star, test: token.test, next: here + 1 });
        break;
      case "dirs":
        // Split → (skip) | (star → "/" → next)
        add({ op: Op.Split, next: here + 3, alt: here + 1 });
        add({ op: Op.Star, test: token.test, next: here + 2 });
        add({ op: Op.Char, char: "/", next: here + 3 });
        break;
      case "start":
        add({ op: Op.Start, next: here + 1 });
        break;
    }
  }
  const match = add({ op: Op.Match, next: -1 });
  const size = states.length;

  // Masks: which states consume a given character and move on (Char, One) or stay (Star); which step without one.
  const byChar = new Map<string, Bits>();
  const moveTests = new Map<(char: string) => boolean, Bits>();
  const stayTests = new Map<(char: string) => boolean, Bits>();
  const stars = new Bits(size);
  const splits = new Bits(size);
  states.forEach((state, index) => {
    if (state.op === Op.Char) {
      let bits = byChar.get(state.char);
      if (!bits) byChar.set(state.char, (bits = new Bits(size)));
      bits.set(index);
    } else if (state.op === Op.One || state.op === Op.Star) {
      const table = state.op === Op.One ? moveTests : stayTests;
      let bits = table.get(state.test);
      if (!bits) table.set(state.test, (bits = new Bits(size)));
      bits.set(index);
      if (state.op === Op.Star) stars.set(index);
    } else if (state.op === Op.Split) {
      splits.set(index);
    }
  });
  const words = stars.words.length;

  /** Adds the states reachable without reading (a star's exit, both sides of a split) until nothing changes. */
  const close = (set: Uint32Array): void => {
    for (let changed = true; changed; ) {
      changed = orShifted(set, set, stars.words, 1);
      // A split steps to its first branch (1 on) and past the group (3 on); splits are never states of their own.
      if (orShifted(set, set, splits.words, 1)) changed = true;
      if (orShifted(set, set, splits.words, 3)) changed = true;
    }
  };

  const initial = new Uint32Array(words);
  {
    // The start: `^` anchors step only here.
    const stack = [0];
    const seen = new Set<number>();
    while (stack.length > 0) {
      const index = stack.pop() ?? match;
      if (seen.has(index)) continue;
      seen.add(index);
      const state = states[index];
      if (!state) continue;
      initial[index >>> 5] = ((initial[index >>> 5] ?? 0) | (1 << (index & 31))) >>> 0;
      if (state.op === Op.Split) stack.push(state.alt, state.next);
      else if (state.op === Op.Star || state.op === Op.Start) stack.push(state.next);
    }
  }

  return {
    test(text: string): boolean {
      let current = initial.slice();
      let next = new Uint32Array(words);
      const move = new Uint32Array(words);
      const stay = new Uint32Array(words);
      for (const raw of text) {
        const char = ignoreCase ? raw.toLowerCase() : raw;
        move.fill(0);
        stay.fill(0);
        const exact = byChar.get(char) ?? (ignoreCase && raw !== char ? byChar.get(raw) : undefined);
        if (exact) for (let i = 0; i < words; i++) move[i] = (move[i] ?? 0) | (exact.words[i] ?? 0);
        for (const [test, bits] of moveTests) if (test(raw)) for (let i = 0; i < words; i++) move[i] = (move[i] ?? 0) | (bits.words[i] ?? 0);
        for (const [test, bits] of stayTests) if (test(raw)) for (let i = 0; i < words; i++) stay[i] = (stay[i] ?? 0) | (bits.words[i] ?? 0);
        next.fill(0);
        orShifted(next, current, move, 1);
        orShifted(next, current, stay, 0);
        close(next);
        [current, next] = [next, current];
        let alive = false;
        for (let i = 0; i < words && !alive; i++) alive = (current[i] ?? 0) !== 0;
        if (!alive) return false;
      }
      return (((current[match >>> 5] ?? 0) >>> (match & 31)) & 1) === 1;
    },
  };
}
