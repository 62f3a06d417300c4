/** Text signals for the unencrypted text an event carries: group name and description, account name, report text. */

import type { PlatformEvent } from "../domain/event-schema.js";
import type { TextField } from "../domain/events.js";
import type { TextSignal } from "../domain/signals.js";
import { TextInputError, type TextScorer } from "../signals/text/index.js";

export function textsOfEvent(event: PlatformEvent): [TextField, string][] {
  const texts: [TextField, string][] = [];
  if ("group" in event && event.group) {
    if (event.group.name) texts.push(["group.name", event.group.name]);
    if (event.group.description) texts.push(["group.description", event.group.description]);
  }
  if ("account" in event && event.account.name) texts.push(["account.name", event.account.name]);
  if (event.type === "report.created" && event.report.text) texts.push(["report.text", event.report.text]);
  return texts;
}

export function textSignals(scorer: TextScorer, event: PlatformEvent): TextSignal[] {
  const out: TextSignal[] = [];
  for (const [field, text] of textsOfEvent(event)) {
    try {
      const signal = scorer.signal(field, text);
      if (signal) out.push(signal);
    } catch (error) {
      // Intake caps text lengths below the scorer's limit; anything it still refuses is simply not a signal.
      if (!(error instanceof TextInputError)) throw error;
    }
  }
  return out;
}
