/**
 * What the evidence commands share: the operator as the actor (the CLI runs
 * with the data folder and its keys, so with admin authority, and is named in
 * the audit log by OS user), and the evidence store over the command's
 * database and the media vault of its data folder.
 */
import { userInfo } from "node:os";
import { resolve } from "node:path";
import { openMediaVault } from "../media/media-vault.js";
import type { EvidenceActor } from "../report/evidence/evidence-actor.js";
import { evidenceDeps } from "../report/evidence/evidence-deps.js";
import { type EvidenceStore, evidenceStore } from "../report/evidence/evidence-store.js";
import { loadFieldCipher } from "../store/field-cipher.js";
import { type StoreOptions, withStore } from "./open-store.js";

export function operator(): EvidenceActor {
  let name = "unknown";
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry (some containers): still an operator, just unnamed.
  }
  return { actor: `cli:${name}`, role: "operator" };
}

export function dataDirOf(options: StoreOptions): string {
  return resolve(options.data ?? process.env.VIGIL_DATA_DIR ?? "vigil-data");
}

export async function withEvidence<T>(
  options: StoreOptions,
  work: (store: EvidenceStore, dataDir: string) => Promise<T>,
): Promise<T> {
  const dataDir = dataDirOf(options);
  return withStore(options, async (database) => {
    const vault = await openMediaVault(dataDir, process.env);
    const openField = loadFieldCipher(dataDir, process.env).open;
    return work(evidenceStore(evidenceDeps(database.db, vault, { openField })), dataDir);
  });
}
