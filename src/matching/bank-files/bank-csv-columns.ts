/**
 * The CSV columns that map to a bank entry's own fields. The first two are
 * python-threatexchange's; export writes the rest after its collab/category/tags.
 */
export const ENTRY_COLUMNS = [
  "signal_type",
  "signal_str",
  "quality",
  "provenance",
  "confidence",
  "source",
  "added_by",
  "ignored",
] as const;
