/**
 * The one migration set, run in order on PGlite and on PostgreSQL alike. A
 * migration is never edited once released; changes come as a new file.
 */
import { sql as banks } from "./0001-banks.js";
import { sql as service } from "./0002-service.js";
import { sql as consoleSessions } from "./0003-console.js";
import { sql as crawl } from "./0003-crawl.js";
import { sql as cybertip } from "./0004-cybertip.js";
import { sql as evidence } from "./0005-evidence.js";
import { sql as expansion } from "./0006-expansion.js";
import { sql as bulk } from "./0007-bulk.js";
import { sql as scale } from "./0008-scale.js";
import { sql as console2 } from "./0009-console2.js";
import { sql as crawlSchedule } from "./0010-crawl-schedule.js";
import { sql as mediaName } from "./0011-media-name.js";
import { sql as mediaVideo } from "./0012-media-video.js";
import { sql as bankStream } from "./0013-bank-stream.js";
import { sql as accessHardening } from "./0014-access-hardening.js";
import { sql as bankImportStaging } from "./0015-bank-import-staging.js";
import { sql as eventNotes } from "./0016-event-notes.js";
import { sql as search } from "./0019-search.js";
import { sql as hotline } from "./0020-hotline.js";
import { sql as exchange } from "./0021-exchange.js";

export interface Migration {
  id: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  { id: "0001-banks", sql: banks },
  { id: "0002-service", sql: service },
  { id: "0003-crawl", sql: crawl },
  { id: "0003-console", sql: consoleSessions },
  { id: "0004-cybertip", sql: cybertip },
  { id: "0005-evidence", sql: evidence },
  { id: "0006-expansion", sql: expansion },
  { id: "0007-bulk", sql: bulk },
  { id: "0008-scale", sql: scale },
  { id: "0009-console2", sql: console2 },
  { id: "0010-crawl-schedule", sql: crawlSchedule },
  { id: "0011-media-name", sql: mediaName },
  { id: "0012-media-video", sql: mediaVideo },
  { id: "0013-bank-stream", sql: bankStream },
  { id: "0014-access-hardening", sql: accessHardening },
  { id: "0015-bank-import-staging", sql: bankImportStaging },
  { id: "0016-event-notes", sql: eventNotes },
  { id: "0019-search", sql: search },
  { id: "0020-hotline", sql: hotline },
  { id: "0021-exchange", sql: exchange },
];
