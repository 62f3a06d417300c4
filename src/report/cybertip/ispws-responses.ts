/**
 * Parsing what ispws answers. The service answers HTTP 200 on errors too, so
 * every body is read and its responseCode checked (0 is success). Every
 * endpoint answers `reportResponse` except /finish, which answers
 * `reportDoneResponse` (cyber_tipline.xsd). cheerio's XML mode (htmlparser2)
 * never fetches external entities or expands DTDs, so a hostile body cannot
 * reach files or the network.
 */
import { load } from "cheerio";

export type IspwsResponse =
  | {
      kind: "report";
      responseCode: number;
      responseDescription: string;
      reportId?: string;
      fileId?: string;
      hash?: string;
    }
  | { kind: "done"; responseCode: number; reportId: string; fileIds: string[] };

export class MalformedIspwsResponseError extends Error {
  override readonly name = "MalformedIspwsResponse";
}

/** Larger answers are not ispws answers. */
export const MAX_RESPONSE_CHARS = 1_000_000;

/** ispws answers nest 3 deep; the XML parser takes time quadratic in nesting (100,000 levels: minutes). */
const MAX_NESTING = 64;

function nestsDeeperThan(body: string, limit: number): boolean {
  let depth = 0;
  for (const [, closing, selfClosing] of body.matchAll(/<(\/?)[A-Za-z_][^<>]*?(\/?)>/g)) {
    if (selfClosing) continue;
    if (closing) depth = Math.max(0, depth - 1);
    else if (++depth > limit) return true;
  }
  return false;
}

export function parseIspwsResponse(body: string): IspwsResponse {
  if (body.length > MAX_RESPONSE_CHARS) throw new MalformedIspwsResponseError("response larger than 1 MB");
  if (nestsDeeperThan(body, MAX_NESTING))
    throw new MalformedIspwsResponseError(`response nests elements over ${MAX_NESTING} deep`);
  const $ = load(body, { xml: true });
  const text = (selector: string) => {
    const found = $(selector).first();
    return found.length > 0 ? found.text().trim() : undefined;
  };
  const code = (root: string) => {
    const raw = text(`${root} > responseCode`);
    // Nine digits at most: a longer code is no ispws code and would not be a safe integer.
    if (raw === undefined || !/^-?\d{1,9}$/.test(raw)) {
      throw new MalformedIspwsResponseError(`${root} without a numeric responseCode`);
    }
    return Number(raw);
  };
  if ($(":root").is("reportResponse")) {
    return {
      kind: "report",
      responseCode: code("reportResponse"),
      responseDescription: text("reportResponse > responseDescription") ?? "",
      reportId: text("reportResponse > reportId"),
      fileId: text("reportResponse > fileId"),
      hash: text("reportResponse > hash"),
    };
  }
  if ($(":root").is("reportDoneResponse")) {
    return {
      kind: "done",
      responseCode: code("reportDoneResponse"),
      reportId: text("reportDoneResponse > reportId") ?? "",
      fileIds: $("reportDoneResponse > files > fileId")
        .map((_, e) => $(e).text().trim())
        .get(),
    };
  }
  throw new MalformedIspwsResponseError(`unexpected answer: ${body.slice(0, 120)}`);
}
