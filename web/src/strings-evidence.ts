/** Strings of the evidence panels: "Report to NCMEC" and video (the rest is in strings.ts). */
/** The "Report to NCMEC" panel (web/src/ncmec-panel.tsx). */
export const ncmecText = {
  title: "Report to NCMEC",
  incidentType: "Incident type",
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
