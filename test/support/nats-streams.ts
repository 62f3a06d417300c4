/** Removes a test deployment's streams from a shared NATS server: events, bank changes and the index snapshot bucket. */
import type { NatsConnection } from "nats";

export async function deleteDeploymentStreams(nc: NatsConnection, eventsStream: string): Promise<void> {
  const jsm = await nc.jetstreamManager();
  for (const name of [eventsStream, `${eventsStream}_BANK_CHANGES`, `OBJ_${eventsStream}_BANK_INDEX`])
    await jsm.streams.delete(name).catch(() => false);
}
