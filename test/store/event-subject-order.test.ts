/**
 * A subject's events are decided in the order they were accepted even when an
 * older one's message arrives late (issue 9, point 1): loading a batch brings
 * along every older pending event of the batch's subjects, in seq order, and
 * nothing of other subjects or already decided.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { openDatabase } from "../../src/store/database.js";
import { EventRepository, type NewEvent } from "../../src/store/repositories/event-repository.js";
import { databaseKinds } from "../support/databases.js";

function groupEvent(clientId: string, groupId: string, platform = "whatsapp"): NewEvent {
  return {
    platform,
    clientId,
    type: "group.updated",
    occurredAt: new Date("2026-11-23T10:00:00Z"),
    subjectType: "group",
    subjectId: groupId,
    payload: { id: clientId, group: { id: groupId } },
  };
}

for (const kind of databaseKinds) {
  test(`a batch brings its subjects' older pending events along, in seq order (${kind.label})`, {
    skip: kind.skip,
  }, async () => {
    const target = await kind.make();
    const database = await openDatabase(target.options);
    try {
      const repo = new EventRepository(database.db);
      const seqs = (await repo.insert([
        groupEvent("a1", "g-a"), // lost message: pending, never in a batch
        groupEvent("b1", "g-b"), // another subject: not brought along
        groupEvent("a2", "g-a"), // decided already: not brought along
        groupEvent("a3", "g-a"), // lost too
        groupEvent("x1", "g-a", "telegram"), // same id on another platform: another subject
        groupEvent("a4", "g-a"), // the batch
        groupEvent("a5", "g-a"), // newer than the batch: left for its own turn
      ])) as number[];
      const [a1, b1, a2, a3, x1, a4, a5] = seqs;
      await database.db.execute(`UPDATE events SET status = 'decided' WHERE seq = ${a2}` as never);

      const loaded = await repo.loadPendingInSubjectOrder([a4]);
      assert.deepEqual(
        loaded.map((e) => e.seq),
        [a1, a3, a4],
      );
      assert.ok(![b1, x1, a5].some((s) => loaded.some((e) => e.seq === s)));

      const alone = await repo.loadPendingInSubjectOrder([b1]);
      assert.deepEqual(
        alone.map((e) => e.seq),
        [b1],
        "nothing older: the batch as it is",
      );
      assert.deepEqual(await repo.loadPendingInSubjectOrder([a2]), [], "a decided event alone: nothing");
    } finally {
      await database.close();
      await target.dispose();
    }
  });
}
