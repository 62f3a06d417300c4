/**
 * The attempt lifecycle as a table: every legal path ends in a terminal
 * state, illegal steps are refused with a named error, and a retraction is
 * only possible while NCMEC may hold an open report.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  type CyberTipStep,
  holdsOpenReport,
  IllegalCyberTipTransitionError,
  isActive,
  nextCyberTipState,
} from "../../src/domain/cybertip-lifecycle.js";
import { CYBERTIP_STATES, type CyberTipState } from "../../src/store/schema.js";

const STEPS: CyberTipStep[] = [
  "submitted",
  "files_uploaded",
  "fileinfo_sent",
  "finished",
  "retracted",
  "failed",
];

test("the happy path: pending -> opened -> files_uploaded -> fileinfo_sent -> finished", () => {
  let state: CyberTipState = "pending";
  for (const step of ["submitted", "files_uploaded", "fileinfo_sent", "finished"] as const) {
    state = nextCyberTipState(state, step);
  }
  assert.equal(state, "finished");
});

test("terminal states accept no step; active states can always fail", () => {
  for (const state of CYBERTIP_STATES) {
    for (const step of STEPS) {
      let next: CyberTipState | null = null;
      try {
        next = nextCyberTipState(state, step);
      } catch (error) {
        assert.ok(error instanceof IllegalCyberTipTransitionError);
        assert.equal(error.name, "IllegalCyberTipTransition");
      }
      if (!isActive(state)) assert.equal(next, null, `${state} --${step}--> must be refused`);
      if (isActive(state) && step === "failed") assert.equal(next, "failed");
      if (step === "retracted" && next !== null) assert.ok(holdsOpenReport(state), `retract from ${state}`);
    }
  }
});

test("a retraction is possible exactly where NCMEC may hold an open report", () => {
  for (const state of CYBERTIP_STATES) {
    const retractable = (() => {
      try {
        nextCyberTipState(state, "retracted");
        return true;
      } catch {
        return false;
      }
    })();
    assert.equal(retractable, holdsOpenReport(state), state);
  }
});
