/** zod issues as error details a client can act on: where (dotted path) and what. */
import type { z } from "zod";

export interface IssueDetail {
  path: string;
  message: string;
  code?: string;
}

export function issueDetails(
  issues: readonly z.core.$ZodIssue[],
  prefix: (string | number)[] = [],
): IssueDetail[] {
  return issues.map((i) => ({
    path: [...prefix, ...i.path.map(String)].join("."),
    message: i.message,
    code: i.code,
  }));
}
