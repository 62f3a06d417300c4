/**
 * Partitioning by subject (issue 9, point 1): every event of one subject (a
 * group, an account) goes to the same partition, and a partition is consumed
 * by one worker at a time, in stream order, so one subject's events are
 * decided in the order they were accepted however many workers run.
 *
 * The partition count is part of a deployment's configuration
 * (VIGIL_PARTITIONS): every API and worker process must agree on it, since
 * changing it moves subjects between partitions.
 */

export const DEFAULT_PARTITIONS = 16;

/** What identifies a subject across event types: the platform and the subject's own id. */
export function partitionKey(platform: string, subjectType: string, subjectId: string): string {
  return `${platform}\n${subjectType}\n${subjectId}`;
}

/** FNV-1a (32 bit) of the key's UTF-16 code units: stable across processes and versions, cheap, well spread. */
export function stableHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function partitionOf(key: string, partitions: number): number {
  return stableHash(key) % partitions;
}

/**
 * How many partitions each of `members` workers should hold: the ceiling, so
 * every partition has room to be held, and a worker above it gives the excess
 * back for the others to take.
 */
export function fairShare(partitions: number, members: number): number {
  return Math.ceil(partitions / Math.max(1, members));
}

export interface LeasePlan {
  /** Held partitions to hand back (after their batch in hand is acked). */
  release: number[];
  /** How many more partitions to try to take. */
  acquire: number;
}

/** Pure: what a worker does at a balancing tick, given what it holds and how many workers are alive. */
export function planLeases(held: readonly number[], partitions: number, members: number): LeasePlan {
  const share = fairShare(partitions, members);
  if (held.length > share) {
    const sorted = [...held].sort((a, b) => b - a);
    return { release: sorted.slice(0, held.length - share), acquire: 0 };
  }
  return { release: [], acquire: share - held.length };
}

export function parsePartitions(raw: string | undefined): number {
  if (raw === undefined || raw === "") return DEFAULT_PARTITIONS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1024)
    throw new Error(`VIGIL_PARTITIONS must be a whole number 1..1024, got ${raw}`);
  return n;
}
