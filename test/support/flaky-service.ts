/**
 * A stand-in for the Vigil service's POST /v1/media and POST /v1/events, for
 * crawler tests: event posts fail as planned (an HTTP status, a hang, a reset
 * connection), then are accepted; an id seen before is a duplicate.
 */
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type Failure = 503 | 500 | "hang" | "reset";

/** A stand-in for the Vigil service: POST /v1/events fails as planned, then accepts. */
export class FlakyService {
  readonly accepted: { id: string; type: string; invite_link: { url: string }; data?: unknown }[] = [];
  failures: Failure[] = [];
  eventPosts = 0;
  private readonly server: Server;
  private readonly hanging = new Set<() => void>();

  constructor() {
    this.server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => {
        body += c.toString("latin1");
      });
      req.on("end", () => {
        if (req.url === "/v1/media") {
          res.writeHead(201, { "content-type": "application/json" });
          res.end(JSON.stringify({ media_id: `med_${body.length}` }));
          return;
        }
        this.eventPosts++;
        const failure = this.failures.shift();
        if (failure === "hang") {
          this.hanging.add(() => res.destroy());
          return;
        }
        if (failure === "reset") {
          req.socket.destroy();
          return;
        }
        if (failure) {
          res.writeHead(failure, { "content-type": "application/json" });
          res.end(JSON.stringify({ error: { name: "Unavailable", message: "try later" } }));
          return;
        }
        const { events } = JSON.parse(body) as { events: FlakyService["accepted"] };
        const known = new Set(this.accepted.map((e) => e.id));
        const results = events.map((e) => ({ id: e.id, status: known.has(e.id) ? "duplicate" : "accepted" }));
        this.accepted.push(...events.filter((e) => !known.has(e.id)));
        res.writeHead(202, { "content-type": "application/json" });
        res.end(JSON.stringify({ results }));
      });
    });
  }

  async listen(): Promise<string> {
    this.server.listen(0, "127.0.0.1");
    await once(this.server, "listening");
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const end of this.hanging) end();
    this.server.closeAllConnections();
    this.server.close();
  }
}
