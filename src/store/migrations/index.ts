/**
 * The one migration set, run in order on PGlite and on PostgreSQL alike. A
 * migration is never edited once released; changes come as a new file.
 */
import { sql as banks } from "./0001-banks.js";
import { sql as service } from "./0002-service.js";
import { sql as consoleSessions } from "./0003-console.js";
import { sql as crawl } from "./0003-crawl.js";

export interface Migration {
  id: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  { id: "0001-banks", sql: banks },
  { id: "0002-service", sql: service },
  { id: "0003-crawl", sql: crawl },
  { id: "0003-console", sql: consoleSessions },
];
