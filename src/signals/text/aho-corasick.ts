/**
 * Aho–Corasick automaton (Aho & Corasick, "Efficient string matching", CACM 1975)
 * over UTF-16 code units, compiled to a dense transition table: one array read per
 * character whatever the number of patterns, so a 5,000-term lexicon costs one
 * pass over the text. Characters that occur in no pattern share symbol 0, which
 * always leads back to the root.
 */
export class AhoCorasick {
  /** Code unit → symbol (0 = in no pattern). */
  private readonly symbols = new Uint16Array(65536);
  private readonly width: number;
  /**
   * delta[state * width + symbol] = next state, failure links already folded in;
   * 16-bit entries while the states fit, halving the table.
   */
  private readonly delta: Int32Array | Uint16Array;
  /** Patterns ending at state s (own and by suffix): outputs[outputStart[s] .. outputStart[s + 1]). */
  private readonly outputStart: Int32Array;
  private readonly outputs: Int32Array;
  readonly states: number;

  constructor(patterns: readonly (readonly number[])[]) {
    let width = 1;
    for (const p of patterns) for (const c of p) if (this.symbols[c] === 0) this.symbols[c] = width++;
    this.width = width;

    // The trie, with children in maps while building.
    const children: Map<number, number>[] = [new Map()];
    const own: number[][] = [[]];
    patterns.forEach((pattern, id) => {
      if (pattern.length === 0) return;
      let state = 0;
      for (const c of pattern) {
        const s = this.symbols[c];
        let next = children[state].get(s);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          own.push([]);
          children[state].set(s, next);
        }
        state = next;
      }
      own[state].push(id);
    });
    this.states = children.length;

    // Breadth-first: failure links and the full transition function.
    const delta =
      this.states <= 0x10000 ? new Uint16Array(this.states * width) : new Int32Array(this.states * width);
    const fail = new Int32Array(this.states);
    const found: number[][] = new Array(this.states);
    found[0] = own[0];
    const queue: number[] = [];
    for (const [s, child] of children[0]) {
      delta[s] = child;
      queue.push(child);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      const f = fail[state];
      found[state] = own[state].length === 0 ? found[f] : [...own[state], ...found[f]];
      const row = state * width;
      const failRow = f * width;
      for (let s = 1; s < width; s++) delta[row + s] = delta[failRow + s];
      for (const [s, child] of children[state]) {
        fail[child] = delta[failRow + s];
        delta[row + s] = child;
        queue.push(child);
      }
    }
    this.delta = delta;

    this.outputStart = new Int32Array(this.states + 1);
    let total = 0;
    for (let s = 0; s < this.states; s++) {
      this.outputStart[s] = total;
      total += found[s].length;
    }
    this.outputStart[this.states] = total;
    this.outputs = new Int32Array(total);
    for (let s = 0; s < this.states; s++) this.outputs.set(found[s], this.outputStart[s]);
  }

  /** Calls onMatch(patternId, end) for every occurrence; end is exclusive. */
  scan(text: ArrayLike<number>, onMatch: (pattern: number, end: number) => void): void {
    const { symbols, delta, width, outputStart, outputs } = this;
    let state = 0;
    for (let k = 0; k < text.length; k++) {
      const symbol = symbols[text[k]];
      state = symbol === 0 ? 0 : delta[state * width + symbol];
      const from = outputStart[state];
      const to = outputStart[state + 1];
      for (let o = from; o < to; o++) onMatch(outputs[o], k + 1);
    }
  }

  /** Bytes held by the tables (for benchmarks). */
  get byteLength(): number {
    return (
      this.symbols.byteLength + this.delta.byteLength + this.outputStart.byteLength + this.outputs.byteLength
    );
  }
}
