/** The receiver in src/enforce/README.md, run as written, against the real dispatcher. */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { test } from "node:test";
import { silentLogger } from "../../src/enforce/logger.js";
import { OutboxDispatcher } from "../../src/enforce/outbox-dispatcher.js";
import { webhookBody } from "../../src/enforce/webhook-payload.js";
import { signWebhook } from "../../src/enforce/webhook-signature.js";
import { MemoryOutboxStore } from "../support/memory-outbox-store.js";
import { repoRoot } from "../support/paths.js";

const SECRET = "whsec_readme_example";

function readmeReceiver(): string {
  const readme = readFileSync(join(repoRoot, "src/enforce/README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Verifying `Vigil-Signature`"));
  const match = /```js\n([\s\S]*?)```/.exec(section);
  assert.ok(match, "the README has a js example in its verification section");
  return match[1];
}

test("README receiver: accepts Vigil's webhooks once per idempotency key, refuses forgeries", async () => {
  const dir = mkdtempSync(join(tmpdir(), "vigil-readme-"));
  const script = join(dir, "receiver.mjs");
  writeFileSync(script, readmeReceiver());
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, VIGIL_WEBHOOK_SECRET: SECRET, PORT: "0" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  createInterface({ input: child.stdout }).on("line", (line) => {
    lines.push(line);
    for (const wake of waiters.splice(0)) wake();
  });
  const waitLine = async (pattern: RegExp): Promise<string> => {
    const end = Date.now() + 5_000;
    for (;;) {
      const found = lines.find((l) => pattern.test(l));
      if (found) return found;
      if (Date.now() > end) throw new Error(`no line like ${pattern}; got ${JSON.stringify(lines)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  };
  try {
    const port = Number(/listening on (\d+)/.exec(await waitLine(/listening on/))?.[1]);
    const url = `http://127.0.0.1:${port}/`;

    const store = new MemoryOutboxStore();
    const delivery = store.add({
      publicId: "act-1",
      action: "disable_group",
      subject: { type: "group", id: "g-1" },
      caseId: "case-1",
      reason: "readme example",
      idempotencyKey: "idem-readme",
    });
    const dispatcher = new OutboxDispatcher({
      store,
      logger: silentLogger,
      webhookUrl: url,
      webhookSecret: SECRET,
    });
    assert.equal(await dispatcher.processDue(), 1);
    await dispatcher.stop();
    assert.equal(store.row(delivery.id).lastStatus, 200);
    await waitLine(/^disable_group group g-1$/);

    const body = webhookBody(delivery);
    const post = (signature: string) =>
      fetch(url, { method: "POST", body, headers: { "vigil-signature": signature } }).then((r) => r.status);
    const now = Math.floor(Date.now() / 1000);
    assert.equal(await post(signWebhook(SECRET, body, now)), 200, "a replay is acknowledged");
    assert.equal(await post(signWebhook(["rotated-in", SECRET], body, now)), 200, "any v1 may match");
    assert.equal(await post(signWebhook("wrong secret", body, now)), 401);
    assert.equal(await post(signWebhook(SECRET, body, now - 301)), 401, "too old");
    assert.equal(await post(`t=${now}`), 401);
    assert.equal(await post(""), 401);
    assert.equal(lines.filter((l) => l.startsWith("disable_group")).length, 1, "carried out once");
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});
