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

export function parseIspwsResponse(body: string): IspwsResponse {
  if (body.length > MAX_RESPONSE_CHARS) throw new MalformedIspwsResponseError("response larger than 1 MB");
  const $ = load(body, { xml: true });
  const text = (selector: string) => {
    const found = $(selector).first();
    return found.length > 0 ? found.text().trim() : undefined;
  };
  const code = (root: string) => {
    const raw = text(`${root} > responseCode`);
    if (raw === undefined || !/^-?\d+$/.test(raw)) {
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
