/**
 * CyberTipReport -> the `report` document for POST /submit. Children are
 * written in the XSD's xs:sequence order (report: incidentSummary,
 * internetDetails*, reporter, personOrUserReported*, additionalInfo;
 * personOrUserReported: personOrUserReportedPerson, espIdentifier,
 * espService, screenName, displayName*, ipCaptureEvent*, priorCTReports*,
 * groupIdentifier, additionalInfo; then victim*), because NCMEC rejects out-of-order
 * children with response code 4100 (shared/anchors/ncmec/README.md).
 */
import {
  type ChatImIncident,
  type CyberTipReport,
  INCIDENT_TYPES,
  IP_CAPTURE_TYPES,
  type IpCaptureEvent,
  type Person,
  PHONE_TYPES,
  type Phone,
  REPORT_ANNOTATIONS,
  type ReportedUser,
  type Reporter,
  type Victim,
} from "./model.js";
import { ageValue, callingCodeValue, dateTimeValue, oneOf, portValue, reportIdValue } from "./values.js";
import { dumpXml } from "./xml-dump.js";
import { el, LONG_TEXT_LIMIT, leaf, serialiseXml, type TextLimits, type XmlElement } from "./xml-writer.js";

/** Free-text (`text`/`content` typed) elements get the long cap; everything else the default. */
export const REPORT_TEXT_LIMITS: TextLimits = {
  additionalInfo: LONG_TEXT_LIMIT,
  companyTemplate: LONG_TEXT_LIMIT,
  termsOfService: LONG_TEXT_LIMIT,
  content: LONG_TEXT_LIMIT,
  escalateToHighPriority: LONG_TEXT_LIMIT,
  incidentDateTimeDescription: LONG_TEXT_LIMIT,
};

function phone(p: Phone, field: string): XmlElement {
  return el(
    "phone",
    {
      type: p.type && oneOf(PHONE_TYPES, p.type, `${field}@type`),
      countryCallingCode:
        p.countryCallingCode && callingCodeValue(p.countryCallingCode, `${field}@countryCallingCode`),
    },
    p.number,
  );
}

/** The XSD's `person` type: firstName, lastName, phone*, email*, (address*), age. */
function person(name: string, p: Person): XmlElement {
  return el(
    name,
    {},
    leaf("firstName", p.firstName),
    leaf("lastName", p.lastName),
    ...(p.phones ?? []).map((ph) => phone(ph, `${name}/phone`)),
    ...(p.emails ?? []).map((e) => leaf("email", e)),
    p.age !== undefined && leaf("age", ageValue(p.age, `${name}/age`)),
  );
}

export function ipCaptureEvent(e: IpCaptureEvent, field: string): XmlElement {
  return el(
    "ipCaptureEvent",
    {},
    leaf("ipAddress", e.ipAddress),
    e.eventName && leaf("eventName", oneOf(IP_CAPTURE_TYPES, e.eventName, `${field}/eventName`)),
    e.dateTime && leaf("dateTime", dateTimeValue(e.dateTime, `${field}/dateTime`)),
    leaf("possibleProxy", e.possibleProxy),
    e.port !== undefined && leaf("port", portValue(e.port, `${field}/port`)),
  );
}

function chatImIncident(c: ChatImIncident): XmlElement {
  return el(
    "internetDetails",
    {},
    el(
      "chatImIncident",
      {},
      leaf("chatClient", c.chatClient),
      leaf("chatRoomName", c.chatRoomName),
      leaf("content", c.content),
      leaf("additionalInfo", c.additionalInfo),
    ),
  );
}

function reporter(r: Reporter): XmlElement {
  return el(
    "reporter",
    {},
    person("reportingPerson", r.reportingPerson),
    r.contactPerson && person("contactPerson", r.contactPerson),
    leaf("companyTemplate", r.companyTemplate),
    leaf("termsOfService", r.termsOfService),
    leaf("legalURL", r.legalURL),
  );
}

function reportedUser(u: ReportedUser): XmlElement {
  const field = "report/personOrUserReported";
  return el(
    "personOrUserReported",
    {},
    u.person && person("personOrUserReportedPerson", u.person),
    leaf("espIdentifier", u.espIdentifier),
    leaf("espService", u.espService),
    leaf("screenName", u.screenName),
    ...(u.displayNames ?? []).map((n) => leaf("displayName", n)),
    ...(u.ipCaptureEvents ?? []).map((e) => ipCaptureEvent(e, `${field}/ipCaptureEvent`)),
    ...(u.priorCTReports ?? []).map((id) =>
      leaf("priorCTReports", reportIdValue(id, `${field}/priorCTReports`)),
    ),
    leaf("groupIdentifier", u.groupIdentifier),
    leaf("additionalInfo", u.additionalInfo),
  );
}

/** victim: victimPerson, espIdentifier, espService, screenName, displayName*, …, additionalInfo. */
function victim(v: Victim): XmlElement {
  return el(
    "victim",
    {},
    person("victimPerson", v.person),
    leaf("espIdentifier", v.espIdentifier),
    leaf("espService", v.espService),
    leaf("screenName", v.screenName),
    ...(v.displayNames ?? []).map((n) => leaf("displayName", n)),
    leaf("additionalInfo", v.additionalInfo),
  );
}

export function reportElement(r: CyberTipReport): XmlElement {
  const s = r.incidentSummary;
  const annotations = s.reportAnnotations ?? [];
  return el(
    "report",
    {},
    el(
      "incidentSummary",
      {},
      leaf("incidentType", oneOf(INCIDENT_TYPES, s.incidentType, "report/incidentSummary/incidentType")),
      leaf("platform", s.platform),
      leaf("escalateToHighPriority", s.escalateToHighPriority),
      annotations.length > 0 &&
        el(
          "reportAnnotations",
          {},
          ...REPORT_ANNOTATIONS.filter((a) => annotations.includes(a)).map((a) => leaf(a, true)),
        ),
      leaf("incidentDateTime", dateTimeValue(s.incidentDateTime, "report/incidentSummary/incidentDateTime")),
      leaf("incidentDateTimeDescription", s.incidentDateTimeDescription),
    ),
    ...(r.chatImIncidents ?? []).map(chatImIncident),
    reporter(r.reporter),
    ...(r.personOrUserReported ?? []).map(reportedUser),
    ...(r.victims ?? []).map(victim),
    leaf("additionalInfo", r.additionalInfo),
  );
}

export function reportXml(r: CyberTipReport): string {
  const xml = serialiseXml(reportElement(r), REPORT_TEXT_LIMITS);
  dumpXml("report", xml);
  return xml;
}
