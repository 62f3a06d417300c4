/** A report using every element Vigil writes, with placeholder values (example.com, 192.0.2.0/24, 555 numbers). */
import type { CyberTipReport } from "../../src/report/cybertip/model.js";

export function fullReport(): CyberTipReport {
  return {
    incidentSummary: {
      incidentType: "Child Pornography (possession, manufacture, and distribution)",
      platform: "ExampleMessenger for Android",
      reportAnnotations: ["csamSolicitation"],
      incidentDateTime: "2025-01-15T12:30:00.000Z",
      incidentDateTimeDescription: "Time the group photo was set.",
    },
    chatImIncidents: [{ chatClient: "ExampleMessenger", chatRoomName: "group G-1", additionalInfo: "E2EE." }],
    reporter: {
      reportingPerson: { firstName: "Safety", lastName: "Team", emails: ["ncmec@example.com"] },
      companyTemplate: "Retained one year.",
      legalURL: "https://example.com/legal",
    },
    personOrUserReported: [
      {
        person: { phones: [{ number: "5555550123", countryCallingCode: "+1", type: "Mobile" }] },
        espIdentifier: "U-1",
        espService: "ExampleMessenger",
        screenName: "user_1",
        displayNames: ["User One"],
        ipCaptureEvents: [
          { ipAddress: "192.0.2.10", eventName: "Login", dateTime: "2025-01-15T12:00:00Z", port: 443 },
        ],
        priorCTReports: ["123456789"],
        groupIdentifier: "G-1",
        additionalInfo: "Admin of the group.",
      },
    ],
    additionalInfo: "Detected by a bank match; reviewed by a person.",
  };
}
