/**
 * The partition runner keeps a partition in order when a delivery goes astray
 * (issue 9, point 1): a gap in the consumer's delivery sequence means a
 * message was delivered and never seen, so nothing after it is processed and
 * the consumer is recreated to hand everything unacked back in order. Driven
 * by a fake consumer; the JetStream tests in test/service run it for real.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Consumer, JsMsg } from "nats";
import { PartitionRunner, type StoppableMessages } from "../../src/pipeline/jetstream-partition.js";

interface FakeMsg {
  seq: number;
  delivery: number;
}

function message(m: FakeMsg): JsMsg {
  return { data: Buffer.from(String(m.seq)), info: { deliverySequence: m.delivery } } as unknown as JsMsg;
}

/** A consumer that answers `next()` from a script of deliveries; every takeover starts a new script. */
function fakeConsumers(scripts: FakeMsg[][]) {
  let current: FakeMsg[] = [];
  const created: number[] = [];
  const takeOver = async (): Promise<Consumer> => {
    created.push(created.length);
    current = [...(scripts[created.length - 1] ?? [])];
    return {
      next: async () => {
        const m = current.shift();
        if (!m) await new Promise((r) => setTimeout(r, 5));
        return m ? message(m) : null;
      },
    } as unknown as Consumer;
  };
  const takeWaiting = (_n: number): StoppableMessages => {
    const items = current.splice(0, current.length);
    return Object.assign(
      (async function* () {
        for (const m of items) yield message(m);
      })(),
      { stop() {} },
    );
  };
  return { takeOver, takeWaiting, created };
}

const seqsOf = (batches: JsMsg[][]) => batches.flat().map((m) => Number(Buffer.from(m.data).toString()));

async function runUntil(runner: PartitionRunner, done: () => boolean): Promise<void> {
  const until = Date.now() + 5000;
  while (!done() && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
  await runner.stop();
}

test("a gap in the delivery sequence: nothing after it is processed and the consumer is recreated", async () => {
  // Delivery 2 (event 11) was answered to a pull the client had given up on: the next pull
  // brings delivery 3 (event 12). Recreated, the consumer hands 11 back first, then 12 and 13.
  const fake = fakeConsumers([
    [
      { seq: 10, delivery: 1 },
      { seq: 12, delivery: 3 },
      { seq: 13, delivery: 4 },
    ],
    [
      { seq: 11, delivery: 1 },
      { seq: 12, delivery: 2 },
      { seq: 13, delivery: 3 },
    ],
  ]);
  const submitted: JsMsg[][] = [];
  const errors: string[] = [];
  let first = true;
  const runner = new PartitionRunner(
    3,
    fake.takeOver,
    // The first batch is one message: the rest of that pull is what the gap was in.
    (n) => {
      if (!first) return fake.takeWaiting(n);
      first = false;
      return emptyFetch();
    },
    100,
    async (m) => {
      submitted.push(m);
    },
    (e) => errors.push(String(e)),
  );
  await runUntil(runner, () => seqsOf(submitted).includes(13));
  assert.deepEqual(seqsOf(submitted), [10, 11, 12, 13], "events in stream order, each once");
  assert.equal(runner.resets, 1);
  assert.equal(fake.created.length, 2);
  assert.match(errors.join("\n"), /delivery 3 after 1; consumer recreated/);
});

test("contiguous deliveries go straight through, in batches, with no reset", async () => {
  const fake = fakeConsumers([
    [
      { seq: 1, delivery: 1 },
      { seq: 2, delivery: 2 },
      { seq: 3, delivery: 3 },
    ],
  ]);
  const submitted: JsMsg[][] = [];
  const runner = new PartitionRunner(
    0,
    fake.takeOver,
    fake.takeWaiting,
    100,
    async (m) => {
      submitted.push(m);
    },
    () => {},
  );
  await runUntil(runner, () => seqsOf(submitted).length === 3);
  assert.deepEqual(seqsOf(submitted), [1, 2, 3]);
  assert.equal(submitted.length, 1, "one batch");
  assert.equal(runner.resets, 0);
});

function emptyFetch(): StoppableMessages {
  return Object.assign((async function* () {})(), { stop() {} });
}
