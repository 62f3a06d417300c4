/** Strings of the evidence panels: "Report to NCMEC" and video (the rest is in strings.ts). */
/** The "Report to NCMEC" panel (web/src/ncmec-panel.tsx). */
export const ncmecText = {
  title: "Report to NCMEC",
  incidentType: "Incident type",
  chooseIncident: "Choose the incident type",
  incidentRequired: "Choose the incident type first: Vigil does not pick one for you.",
  matchedEntries: "Matched bank entries",
  noMatches: "No bank entry matched this file.",
  match: (bank: string, type: string, distance: number, provenance: string) =>
    `${bank}: ${type}${type === "pdq" ? ` within ${distance}` : ""}, ${provenance}`,
  whatIsSent: "What this report will say",
  reporter: (name: string, email: string | null, role: string) =>
    `Reported by ${name}${email ? ` <${email}>` : ""}, as ${role}.`,
  personalData: "Personal data this report carries",
  noPersonalData: "This report carries no phone number, name or account of a person.",
  kind: "Kind",
  value: "Value",
  about: "Whose",
  personalKinds: {
    phone: "Phone number",
    name: "Name",
    screen_name: "Screen name",
    email: "E-mail",
    account_id: "Account id",
  } as Record<string, string>,
  candidateFiles: "Files the case holds",
  selected: "will be sent",
  notSelected: "not ticked: not sent",
  xml: "The XML as it will be sent",
  files: "Files",
  include: "Include",
  classification: "Industry classification",
  unclassified: "Not classified",
  annotations: "Annotations",
  reportAnnotations: "Report annotations",
  followUpOf: "Follow-up of CyberTipline report ids (comma-separated)",
  additionalInfo: "Additional information",
  preview: "Preview XML",
  submit: "Submit to NCMEC",
  submitted: "Queued: Vigil sends it in the background.",
  viewed: "viewed",
  confirmed: "confirmed bank match",
  unconfirmed: "no confirmed match",
  hashesOnly: "hashes only, cannot upload",
  needsChildSafety:
    "Some material did not match a confirmed bank entry: a child-safety reviewer must submit.",
  attempts: "Reports and attempts",
  noAttempts: "None yet.",
  filed: (ids: string[]) => `Filed: ${ids.join(", ")}`,
} as const;

/** Video evidence (web/src/blurred-video.tsx, report attachments). */
export const videoText = {
  blurredVideo: "Blurred grayscale video (muted; reveal to play)",
  revealedVideo: "Revealed video (muted until you unmute it)",
  strip: "Blurred stills from the video",
  attachments: "Attachments",
} as const;
