/**
 * The CyberTipline report as Vigil fills it: the subset of NCMEC's `report`
 * and `fileDetails` elements (cyber_tipline.xsd, ispws) that a messenger case
 * can supply. Enumerations are the XSD's own values; test/report checks them
 * against the field tree derived from the XSD when ../shared is present.
 */

/** report/incidentSummary/incidentType: the XSD's 8 values, verbatim. */
export const INCIDENT_TYPES = [
  "Child Pornography (possession, manufacture, and distribution)",
  "Child Sex Trafficking",
  "Child Sex Tourism",
  "Child Sexual Molestation",
  "Misleading Domain Name",
  "Misleading Words or Digital Images on the Internet",
  "Online Enticement of Children for Sexual Acts",
  "Unsolicited Obscene Material Sent to a Child",
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

/** fileDetails/industryClassification (Industry Hash Sharing MOU categories). */
export const INDUSTRY_CLASSIFICATIONS = ["A1", "A2", "B1", "B2"] as const;
export type IndustryClassification = (typeof INDUSTRY_CLASSIFICATIONS)[number];

/** fileDetails/fileAnnotations children, in the XSD's order (an xs:all, so order is free, but kept). */
export const FILE_ANNOTATIONS = [
  "animeDrawingVirtualHentai",
  "potentialMeme",
  "viral",
  "possibleSelfProduction",
  "physicalHarm",
  "violenceGore",
  "bestiality",
  "liveStreaming",
  "infant",
  "generativeAi",
] as const;
export type FileAnnotation = (typeof FILE_ANNOTATIONS)[number];

/** incidentSummary/reportAnnotations children. */
export const REPORT_ANNOTATIONS = [
  "sextortion",
  "csamSolicitation",
  "minorToMinorInteraction",
  "spam",
  "sadisticOnlineExploitation",
] as const;
export type ReportAnnotation = (typeof REPORT_ANNOTATIONS)[number];

export const IP_CAPTURE_TYPES = ["Login", "Registration", "Purchase", "Upload", "Other", "Unknown"] as const;
export type IpCaptureType = (typeof IP_CAPTURE_TYPES)[number];

export const PHONE_TYPES = ["Mobile", "Home", "Business", "Work", "Fax", "Internet", "Recovery"] as const;
export type PhoneType = (typeof PHONE_TYPES)[number];

export const FILE_RELEVANCE = ["Reported", "Supplemental Reported"] as const;
export type FileRelevance = (typeof FILE_RELEVANCE)[number];

export interface Phone {
  /** National number digits; the calling code goes in its own attribute. */
  number: string;
  /** `+` and 1–3 digits (XSD pattern `\+[0-9]{1,3}`). */
  countryCallingCode?: string;
  type?: PhoneType;
}

export interface Person {
  firstName?: string;
  lastName?: string;
  phones?: Phone[];
  emails?: string[];
  /** Years; the XSD's person/age (a victim's apparent or known age). */
  age?: number;
}

export interface IpCaptureEvent {
  ipAddress: string;
  eventName?: IpCaptureType;
  /** ISO 8601 date-time. */
  dateTime?: string;
  possibleProxy?: boolean;
  port?: number;
}

export interface ReportedUser {
  person?: Person;
  /** The platform's own id of the account. */
  espIdentifier?: string;
  espService?: string;
  screenName?: string;
  displayNames?: string[];
  ipCaptureEvents?: IpCaptureEvent[];
  /** Earlier CyberTipline report ids about this user (follow-ups). */
  priorCTReports?: string[];
  groupIdentifier?: string;
  additionalInfo?: string;
}

/**
 * A child the report is about, as far as the reviewer knows (NCMEC asks for
 * victim details whenever the provider has them): the XSD's `victim`.
 */
export interface Victim {
  person: Person;
  /** The platform's own id of the victim's account, when the victim has one. */
  espIdentifier?: string;
  espService?: string;
  screenName?: string;
  displayNames?: string[];
  additionalInfo?: string;
}

export interface ChatImIncident {
  chatClient?: string;
  chatRoomName?: string;
  content?: string;
  additionalInfo?: string;
}

export interface Reporter {
  reportingPerson: Person;
  contactPerson?: Person;
  companyTemplate?: string;
  termsOfService?: string;
  legalURL?: string;
}

export interface CyberTipReport {
  incidentSummary: {
    incidentType: IncidentType;
    platform?: string;
    escalateToHighPriority?: string;
    reportAnnotations?: ReportAnnotation[];
    /** ISO 8601 date-time. */
    incidentDateTime: string;
    incidentDateTimeDescription?: string;
  };
  chatImIncidents?: ChatImIncident[];
  reporter: Reporter;
  personOrUserReported?: ReportedUser[];
  victims?: Victim[];
  additionalInfo?: string;
}

export interface OriginalFileHash {
  /** Free text in the XSD; Vigil sends "MD5" and "SHA256". */
  hashType: string;
  value: string;
}

export interface FileDetails {
  /** From /submit: an xs:long, kept as a decimal string. */
  reportId: string;
  /** From /upload. */
  fileId: string;
  fileName?: string;
  originalFileName?: string;
  locationOfFile?: string;
  /** Derived from the audit log: did a person at the provider view this file? */
  fileViewedByEsp?: boolean;
  publiclyAvailable?: boolean;
  fileRelevance?: FileRelevance;
  fileAnnotations?: FileAnnotation[];
  industryClassification?: IndustryClassification;
  originalFileHashes?: OriginalFileHash[];
  additionalInfo?: string[];
}
