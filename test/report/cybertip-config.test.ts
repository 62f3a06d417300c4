/**
 * Without NCMEC credentials or a reporter email, a submission is refused with
 * CyberTipNotConfigured before anything is recorded; the reporter comes from
 * configuration.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { CyberTipService, type CyberTipServiceDeps } from "../../src/report/cybertip/cybertip-service.js";
import { reporterConfigFromEnv } from "../../src/report/cybertip/reporter-config.js";

function service(configured: boolean, env: NodeJS.ProcessEnv): CyberTipService {
  const unused = () => {
    throw new Error("must not be reached");
  };
  return new CyberTipService({
    evidence: { forCase: unused },
    reports: { forCase: unused, request: unused },
    reporter: reporterConfigFromEnv(env),
    revealPhone: () => null,
    configured,
    onRequested: unused,
  } as unknown as CyberTipServiceDeps);
}

const inputs = { incident_type: "Child Sex Trafficking" as const, files: [] };
const by = { actor: "user:cs@example.com", mayDecideChildSafety: true };

test("no credentials, or no reporter email: CyberTipNotConfigured, nothing recorded", async () => {
  await assert.rejects(
    service(false, { VIGIL_NCMEC_REPORTER_EMAIL: "a@example.com" }).request(1, inputs, by),
    {
      name: "CyberTipNotConfigured",
    },
  );
  await assert.rejects(service(true, {}).request(1, inputs, by), { name: "CyberTipNotConfigured" });
});

test("the reporter comes from configuration", () => {
  const r = reporterConfigFromEnv({
    VIGIL_NCMEC_REPORTER_EMAIL: "ncmec@example.com",
    VIGIL_NCMEC_REPORTER_FIRST_NAME: "Safety",
    VIGIL_NCMEC_REPORTER_LAST_NAME: "Team",
    VIGIL_NCMEC_LEGAL_URL: "https://example.com/legal",
    VIGIL_NCMEC_ESP_SERVICE: "ExampleMessenger",
  });
  assert.deepEqual(r.reporter.reportingPerson, {
    firstName: "Safety",
    lastName: "Team",
    emails: ["ncmec@example.com"],
  });
  assert.equal(r.reporter.legalURL, "https://example.com/legal");
  assert.equal(r.espService, "ExampleMessenger");
});
