/**
 * A small deterministic layout for the expansion picture (no dependency):
 * the seed in the middle, groups on an inner circle, accounts on an outer one
 * next to their first group, then a fixed number of force steps (repulsion
 * between all nodes, springs along edges). The same input gives the same
 * picture, so a screenshot in a case file can be redrawn.
 */
export interface LayoutNode {
  key: string;
  kind: "account" | "group";
  seed: boolean;
}

export interface LayoutEdge {
  from: string;
  to: string;
}

export interface Point {
  x: number;
  y: number;
}

const STEPS = 120;

export function layoutGraph(nodes: LayoutNode[], edges: LayoutEdge[], size: number): Map<string, Point> {
  const centre = size / 2;
  const pos = new Map<string, Point>();
  const groups = nodes.filter((n) => n.kind === "group" && !n.seed);
  const accounts = nodes.filter((n) => n.kind === "account" && !n.seed);
  for (const n of nodes.filter((x) => x.seed)) pos.set(n.key, { x: centre, y: centre });
  groups.forEach((n, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, groups.length);
    pos.set(n.key, { x: centre + size * 0.22 * Math.cos(a), y: centre + size * 0.22 * Math.sin(a) });
  });
  const firstGroup = new Map<string, string>();
  for (const e of edges) if (!firstGroup.has(e.from)) firstGroup.set(e.from, e.to);
  accounts.forEach((n, i) => {
    const anchor = pos.get(firstGroup.get(n.key) ?? "");
    const a = (2 * Math.PI * i) / Math.max(1, accounts.length);
    const r = size * 0.4;
    const base = { x: centre + r * Math.cos(a), y: centre + r * Math.sin(a) };
    pos.set(n.key, anchor ? { x: (base.x * 2 + anchor.x) / 3, y: (base.y * 2 + anchor.y) / 3 } : base);
  });
  const keys = nodes.map((n) => n.key);
  const ideal = size / Math.sqrt(Math.max(1, nodes.length)) / 2;
  for (let step = 0; step < STEPS; step++) {
    const cooling = 1 - step / STEPS;
    const move = new Map<string, Point>(keys.map((k) => [k, { x: 0, y: 0 }]));
    for (let i = 0; i < keys.length; i++) {
      for (let j = i + 1; j < keys.length; j++) {
        const a = pos.get(keys[i]) as Point;
        const b = pos.get(keys[j]) as Point;
        const dx = a.x - b.x || 0.01 * (i - j);
        const dy = a.y - b.y || 0.01;
        const d2 = Math.max(dx * dx + dy * dy, 1);
        const f = (ideal * ideal) / d2;
        const ma = move.get(keys[i]) as Point;
        const mb = move.get(keys[j]) as Point;
        ma.x += dx * f;
        ma.y += dy * f;
        mb.x -= dx * f;
        mb.y -= dy * f;
      }
    }
    for (const e of edges) {
      const a = pos.get(e.from);
      const b = pos.get(e.to);
      if (!a || !b) continue;
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const d = Math.sqrt(dx * dx + dy * dy) || 1;
      const f = (d - ideal * 2) / d / 10;
      (move.get(e.from) as Point).x += dx * f;
      (move.get(e.from) as Point).y += dy * f;
      (move.get(e.to) as Point).x -= dx * f;
      (move.get(e.to) as Point).y -= dy * f;
    }
    for (const n of nodes) {
      if (n.seed) continue;
      const p = pos.get(n.key) as Point;
      const m = move.get(n.key) as Point;
      const len = Math.sqrt(m.x * m.x + m.y * m.y) || 1;
      const cap = Math.min(len, 10 * cooling + 0.5);
      p.x = clamp(p.x + (m.x / len) * cap, 16, size - 16);
      p.y = clamp(p.y + (m.y / len) * cap, 16, size - 16);
    }
  }
  return pos;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
