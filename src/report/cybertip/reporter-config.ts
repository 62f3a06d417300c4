/**
 * Who files the report (the `reporter` element) and how the platform is
 * named, from configuration: VIGIL_NCMEC_REPORTER_EMAIL (NCMEC sends its XML
 * receipt there; required to submit), VIGIL_NCMEC_REPORTER_FIRST_NAME,
 * VIGIL_NCMEC_REPORTER_LAST_NAME, VIGIL_NCMEC_COMPANY_TEMPLATE (text NCMEC puts
 * in every report: retention, legal process), VIGIL_NCMEC_LEGAL_URL and
 * VIGIL_NCMEC_ESP_SERVICE (the application's name, e.g. "ExampleMessenger").
 */
import type { Reporter } from "./model.js";

export interface ReporterConfig {
  reporter: Reporter;
  /** The application's name (incidentSummary/platform, espService, chatClient); the case's platform id when unset. */
  espService?: string;
}

export function reporterConfigFromEnv(env: Readonly<Record<string, string | undefined>>): ReporterConfig {
  return {
    reporter: {
      reportingPerson: {
        firstName: env.VIGIL_NCMEC_REPORTER_FIRST_NAME || "Trust and Safety",
        lastName: env.VIGIL_NCMEC_REPORTER_LAST_NAME || undefined,
        emails: env.VIGIL_NCMEC_REPORTER_EMAIL ? [env.VIGIL_NCMEC_REPORTER_EMAIL] : [],
      },
      companyTemplate: env.VIGIL_NCMEC_COMPANY_TEMPLATE || undefined,
      legalURL: env.VIGIL_NCMEC_LEGAL_URL || undefined,
    },
    espService: env.VIGIL_NCMEC_ESP_SERVICE || undefined,
  };
}
