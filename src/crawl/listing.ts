/** An invite link as a directory listed it: the link plus the directory's own words about it. */
import type { InviteLink } from "./platforms.js";

export interface ListingContext {
  /** The directory's category for the listing (its own word, e.g. "Friendship", "18+"). */
  category?: string;
  title?: string;
  description?: string;
}

export interface FoundInvite extends InviteLink, ListingContext {
  /** The page or API URL the link was found on. */
  foundOn: string;
  /** The configured source that found it. */
  source: string;
}

/** Trims and caps what a directory says, so one hostile page cannot bloat the record. */
export function cleanText(text: string | undefined, max = 2000): string | undefined {
  const cleaned = text?.replace(/\s+/g, " ").trim();
  return cleaned ? cleaned.slice(0, max) : undefined;
}
