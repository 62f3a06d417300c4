/**
 * The console's server-side settings: the organisation's defaults (wellness,
 * the default SLA, the bulk size a lead must confirm), each queue's SLA and
 * sort order, and each user's wellness preferences. A user's preference
 * overrides the organisation's default; nothing of this lives only in a browser.
 */
import { eq, sql } from "drizzle-orm";
import type { VigilDb } from "../database.js";
import { consoleSettings, type QueueSort, queueSettings, userPreferences } from "../schema.js";

export interface OrgSettings {
  blur: boolean;
  grayscale: boolean;
  defaultSlaSeconds: number;
  bulkLeadConfirmAbove: number;
}

export interface QueueSetting {
  queue: string;
  slaSeconds: number | null;
  sort: QueueSort;
}

export interface Wellness {
  blur: boolean;
  grayscale: boolean;
}

export interface UserWellness {
  /** What previews use: the user's choice where made, else the organisation's; never less blur than the organisation's. */
  effective: Wellness;
  /** The user's own choices; null: follows the organisation. */
  own: { blur: boolean | null; grayscale: boolean | null };
}

const ORG_DEFAULTS: OrgSettings = {
  blur: true,
  grayscale: true,
  defaultSlaSeconds: 86400,
  bulkLeadConfirmAbove: 100,
};

export class ConsoleSettingsRepository {
  constructor(private readonly db: VigilDb) {}

  async org(): Promise<OrgSettings> {
    const [row] = await this.db.select().from(consoleSettings).limit(1);
    if (!row) return ORG_DEFAULTS;
    return {
      blur: row.blur,
      grayscale: row.grayscale,
      defaultSlaSeconds: row.defaultSlaSeconds,
      bulkLeadConfirmAbove: row.bulkLeadConfirmAbove,
    };
  }

  async updateOrg(change: Partial<OrgSettings>, actor: string): Promise<OrgSettings> {
    await this.db
      .insert(consoleSettings)
      .values({ id: true, ...change, updatedBy: actor })
      .onConflictDoUpdate({
        target: consoleSettings.id,
        set: { ...change, updatedBy: actor, updatedAt: sql`now()` },
      });
    return this.org();
  }

  async queues(): Promise<Map<string, QueueSetting>> {
    const rows = await this.db.select().from(queueSettings);
    return new Map(rows.map((r) => [r.queue, { queue: r.queue, slaSeconds: r.slaSeconds, sort: r.sort }]));
  }

  async queue(queue: string): Promise<QueueSetting> {
    const [row] = await this.db.select().from(queueSettings).where(eq(queueSettings.queue, queue));
    return row
      ? { queue, slaSeconds: row.slaSeconds, sort: row.sort }
      : { queue, slaSeconds: null, sort: "priority" };
  }

  async updateQueue(
    queue: string,
    change: { slaSeconds?: number | null; sort?: QueueSort },
    actor: string,
  ): Promise<QueueSetting> {
    await this.db
      .insert(queueSettings)
      .values({ queue, ...change, updatedBy: actor })
      .onConflictDoUpdate({
        target: queueSettings.queue,
        set: { ...change, updatedBy: actor, updatedAt: sql`now()` },
      });
    return this.queue(queue);
  }

  async wellness(userId: number): Promise<UserWellness> {
    const org = await this.org();
    const [own] = await this.db.select().from(userPreferences).where(eq(userPreferences.userId, userId));
    const mine = { blur: own?.blur ?? null, grayscale: own?.grayscale ?? null };
    return {
      // The organisation's blur is a minimum: a user may add blur, never take away what it requires.
      effective: { blur: org.blur || (mine.blur ?? org.blur), grayscale: mine.grayscale ?? org.grayscale },
      own: mine,
    };
  }

  async updateWellness(
    userId: number,
    change: { blur?: boolean | null; grayscale?: boolean | null },
  ): Promise<UserWellness> {
    await this.db
      .insert(userPreferences)
      .values({ userId, ...change })
      .onConflictDoUpdate({ target: userPreferences.userId, set: { ...change, updatedAt: sql`now()` } });
    return this.wellness(userId);
  }
}
