/**
 * The one migration set, run in order on PGlite and on PostgreSQL alike. A
 * migration is never edited once released; changes come as a new file.
 */
import { sql as banks } from "./0001-banks.js";

export interface Migration {
  id: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [{ id: "0001-banks", sql: banks }];
