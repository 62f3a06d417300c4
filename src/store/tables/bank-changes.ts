/** The bank change log (migration 0008-scale): what workers apply to their in-memory index, in seq order. */
import { bigint, bigserial, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export type BankChangeOp = "add" | "ignore" | "unignore" | "remove" | "bank";

export const bankChanges = pgTable("bank_changes", {
  seq: bigserial("seq", { mode: "number" }).primaryKey(),
  op: text("op").$type<BankChangeOp>().notNull(),
  bankId: integer("bank_id").notNull(),
  entryId: bigint("entry_id", { mode: "number" }),
  changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  /** The JetStream sequence of the change's message; null until published (migration 0013-bank-stream). */
  streamSeq: bigint("stream_seq", { mode: "number" }),
});
