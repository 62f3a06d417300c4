/**
 * Resolves one invite link's public preview through the crawler's guarded
 * fetch: the page (HTTP 404/410 mean the link is gone), then its og:image,
 * fetched under the same guard and limits, for hashing by the media pipeline.
 * A fetch that fails says nothing about the link: the observation is
 * "unknown" with the reason, and liveness keeps checking.
 */
import { CrawlFetchError } from "../crawl-fetch-error.js";
import type { InviteLink } from "../platforms.js";
import type { ResourceFetcher } from "../robots-cache.js";
import { PREVIEW_SOURCES, type PreviewBases, previewUrl } from "./preview-sources.js";
import { type PagePreview, readPreviewPage } from "./read-preview-page.js";

export interface InvitePreview extends PagePreview {
  /** The page read, when there is one. */
  checkedUrl?: string;
  image?: { bytes: Buffer; url: string; contentType: string };
}

export interface PreviewOptions {
  bases: PreviewBases;
  fetch: ResourceFetcher;
  /** Skip downloading og:image (liveness re-checks need only the state). */
  withImage: boolean;
  maxImageBytes: number;
}

export async function resolvePreview(link: InviteLink, options: PreviewOptions): Promise<InvitePreview> {
  const url = previewUrl(options.bases, link);
  if (!url) return { observation: "unknown", note: `${link.platform} has no public preview page` };
  let page: PagePreview;
  try {
    const fetched = await options.fetch(url);
    page = readPreviewPage(fetched.body, fetched.url, PREVIEW_SOURCES[link.platform].genericTitle);
  } catch (error) {
    if (!(error instanceof CrawlFetchError)) throw error;
    if (error.reason === "http_error" && (error.status === 404 || error.status === 410)) {
      return {
        observation: "revoked",
        checkedUrl: url,
        note: `the preview page answered HTTP ${error.status}`,
      };
    }
    return { observation: "unknown", checkedUrl: url, note: `${error.reason}: ${error.message}` };
  }
  if (!options.withImage || !page.imageUrl || page.observation === "revoked")
    return { ...page, checkedUrl: url };
  try {
    const image = await options.fetch(page.imageUrl, {
      accept: "image/*",
      contentTypes: ["image/"],
      maxBytes: options.maxImageBytes,
    });
    return {
      ...page,
      checkedUrl: url,
      image: { bytes: image.body, url: image.url, contentType: image.contentType },
    };
  } catch (error) {
    if (!(error instanceof CrawlFetchError)) throw error;
    return { ...page, checkedUrl: url, note: `${page.note}; image not fetched (${error.reason})` };
  }
}
