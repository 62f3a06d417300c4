/**
 * One sentence per signal for the reviewer: what matched, where, and how
 * closely, so a case can be judged without reading JSON. Pure; unknown kinds
 * (from a newer signal module) are shown by name rather than dropped.
 */

function str(v: unknown): string {
  return typeof v === "string" || typeof v === "number" ? String(v) : "?";
}

function percent(v: unknown): string {
  return typeof v === "number" ? `${Math.round(v)}%` : "?%";
}

export function explainSignal(detail: Record<string, unknown>): string {
  switch (detail.kind) {
    case "bank_match": {
      const where = str(detail.field);
      const how =
        detail.signalType === "pdq"
          ? `PDQ distance ${str(detail.distance)} of 256 bits${detail.quality === null || detail.quality === undefined ? "" : `, quality ${str(detail.quality)}`}`
          : detail.signalType === "vpdq"
            ? `vPDQ video match, ${percent(detail.queryMatchPercent)} of its frames found in the banked video (${percent(detail.comparedMatchPercent)} the other way)`
            : `exact ${str(detail.signalType).toUpperCase()} match`;
      const ignored = detail.ignored ? " — entry is on the ignore list (known false positive)" : "";
      return `${where} matches bank "${str(detail.bank)}" (${str(detail.provenance)}): ${how}${ignored}`;
    }
    case "text": {
      const terms = Array.isArray(detail.terms) ? detail.terms.map(str).join(", ") : "";
      const score = typeof detail.score === "number" ? detail.score.toFixed(2) : "?";
      return `${str(detail.field)} scores ${score} for ${str(detail.category)}; matched terms: ${terms || "none"}`;
    }
    default:
      return `${str(detail.kind)} signal`;
  }
}
