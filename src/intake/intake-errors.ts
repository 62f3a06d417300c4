/** Why a batch was refused; the API maps the code to a 400 with these details. */
import type { IssueDetail } from "./zod-issues.js";

export class EventBatchRejected extends Error {
  override readonly name = "EventBatchRejected";
  constructor(
    readonly code: "UnknownEventType" | "InvalidEvent",
    message: string,
    readonly details: IssueDetail[],
  ) {
    super(message);
  }
}
