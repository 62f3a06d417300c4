/** Vigil-Signature: fixed vectors (computed with Python's hmac, and node:crypto here), rotation, failures. */
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { test } from "node:test";
import { signWebhook, verifyWebhookSignature } from "../../src/enforce/webhook-signature.js";

const BODY =
  '{"id":"act-1","action":"disable_group","subject":{"type":"group","id":"g-1"},"case_id":"case-7","reason":"pdq match","idempotency_key":"act-1"}';
const T = 1_700_000_000;
const AT_T = new Date(T * 1000);
// python3: hmac.new(b"whsec_test_secret", b"1700000000." + body, hashlib.sha256).hexdigest()
const V1_NEW = "c8acb7a56c1da08a99ef75e4ac41f8eb305ac23bd800456195459ae929c648ae";
const V1_OLD = "6c348c990c2d8e23cb6c973688cf1f1656ff3ade5e820743dcc7ca8a63fbfb4f";

test("signWebhook matches independently computed HMAC-SHA256 of '<t>.<body>'", () => {
  assert.equal(signWebhook("whsec_test_secret", BODY, T), `t=${T},v1=${V1_NEW}`);
  const viaNode = createHmac("sha256", "whsec_test_secret").update(`${T}.${BODY}`).digest("hex");
  assert.equal(viaNode, V1_NEW);
  // Bytes and strings sign alike; non-ASCII bodies are MACed as UTF-8.
  assert.equal(signWebhook(Buffer.from("k"), Buffer.from("café"), 5), signWebhook("k", "café", 5));
  assert.equal(
    signWebhook("k", "café", 5),
    "t=5,v1=4bcf801476785b1dd45f8d5af8890d7b1c13bb8f7ae0257415f5bf249f820611",
  );
});

test("rotation: one v1 per secret, and a receiver holding either secret accepts", () => {
  const header = signWebhook(["whsec_test_secret", "whsec_old_secret"], BODY, T);
  assert.equal(header, `t=${T},v1=${V1_NEW},v1=${V1_OLD}`);
  assert.deepEqual(verifyWebhookSignature("whsec_old_secret", header, BODY, { now: AT_T }), {
    ok: true,
    timestamp: T,
  });
  assert.deepEqual(verifyWebhookSignature("whsec_test_secret", header, BODY, { now: AT_T }), {
    ok: true,
    timestamp: T,
  });
  // A receiver rotating its own secret holds both and accepts a header signed with only one.
  const single = `t=${T},v1=${V1_OLD}`;
  assert.equal(
    verifyWebhookSignature(["whsec_test_secret", "whsec_old_secret"], single, BODY, { now: AT_T }).ok,
    true,
  );
});

test("verification tolerates spaces, upper-case hex and unknown schemes", () => {
  const header = ` t=${T} , v0=abc, v1=${V1_NEW.toUpperCase()} , v2=${"0".repeat(64)}`;
  assert.equal(verifyWebhookSignature("whsec_test_secret", header, BODY, { now: AT_T }).ok, true);
  assert.equal(
    verifyWebhookSignature("whsec_test_secret", [header], Buffer.from(BODY), { now: AT_T }).ok,
    true,
  );
});

test("verification failures say why", () => {
  const good = `t=${T},v1=${V1_NEW}`;
  const reason = (header: string | undefined, body = BODY, now = AT_T, secret = "whsec_test_secret") => {
    const result = verifyWebhookSignature(secret, header, body, { now, toleranceSeconds: 300 });
    return result.ok ? "ok" : result.reason;
  };
  assert.equal(reason(good), "ok");
  assert.equal(reason(undefined), "missing_header");
  assert.equal(reason(""), "missing_header");
  assert.equal(reason(`v1=${V1_NEW}`), "malformed_header");
  assert.equal(reason(`t=abc,v1=${V1_NEW}`), "malformed_header");
  assert.equal(reason(`t=${T},t=${T},v1=${V1_NEW}`), "malformed_header");
  assert.equal(reason(`t=${T},garbage`), "malformed_header");
  assert.equal(reason(`t=${T}`), "no_v1_signature");
  assert.equal(reason(`t=${T},v1=deadbeef`), "no_v1_signature");
  assert.equal(reason(good, `${BODY} `), "signature_mismatch");
  assert.equal(reason(good, BODY, AT_T, "wrong"), "signature_mismatch");
  assert.equal(reason(`t=${T + 1},v1=${V1_NEW}`), "signature_mismatch", "the timestamp is inside the MAC");
  assert.equal(reason(good, BODY, new Date((T + 300) * 1000)), "ok");
  assert.equal(reason(good, BODY, new Date((T + 301) * 1000)), "timestamp_too_old");
  assert.equal(reason(good, BODY, new Date((T - 301) * 1000)), "timestamp_in_future");
  const unlimited = verifyWebhookSignature("whsec_test_secret", good, BODY, {
    now: new Date((T + 86_400 * 365) * 1000),
    toleranceSeconds: Number.POSITIVE_INFINITY,
  });
  assert.equal(unlimited.ok, true);
  const failed = verifyWebhookSignature("whsec_test_secret", good, BODY, { now: new Date(0) });
  assert.ok(!failed.ok && /300 s tolerated/.test(failed.message));
});

test("signWebhook refuses bad timestamps and empty secrets", () => {
  assert.throws(() => signWebhook("s", BODY, 1.5), RangeError);
  assert.throws(() => signWebhook("s", BODY, -1), RangeError);
  assert.throws(() => signWebhook("", BODY, T), RangeError);
  assert.throws(() => signWebhook([], BODY, T), RangeError);
});
