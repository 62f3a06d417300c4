/** The hotline intake service (issue 16) wired to intake, the media table and the audit log. */

import type { EventQueue } from "../domain/event-queue.js";
import { PlatformEvent } from "../domain/event-schema.js";
import { acceptEvents } from "../intake/accept-events.js";
import { HotlineService } from "../intake/hotline/hotline-service.js";
import type { VigilDb } from "../store/database.js";
import { HotlineRepository } from "../store/repositories/hotline-repository.js";
import type { PersonalDataKeys, Repositories } from "./context.js";

export function hotlineService(
  db: VigilDb,
  repos: Repositories,
  queue: EventQueue,
  personal: PersonalDataKeys,
  country: string,
): HotlineService {
  const hotline = new HotlineRepository(db);
  return new HotlineService({
    hotline,
    personal,
    country,
    async fileReports(drafts) {
      const events = drafts.map((d) =>
        PlatformEvent.parse({
          id: d.eventId,
          type: "report.created",
          platform: d.platform,
          occurred_at: new Date().toISOString(),
          report: {
            source: "hotline",
            reporter: d.reporter,
            subject: d.subject,
            reason: d.reason,
            text: d.text || undefined,
            language: d.language,
            attachments: d.attachments.length > 0 ? d.attachments : undefined,
          },
        }),
      );
      await acceptEvents(repos.events, queue, events);
    },
    casesOf: (reports) => hotline.casesOf(reports.map((r) => r.reportPublicId)),
    async mediaExists(ids) {
      return new Set((await repos.media.getMany(ids)).keys());
    },
    async audit(entry) {
      await repos.audit.append(entry);
    },
  });
}
