/**
 * After a key rotation (README "Rotating keys"), re-seals what the old keys
 * sealed while the service keeps serving: each media and snapshot blob's data
 * key is re-wrapped under the current media key (32 bytes per blob; the
 * ciphertext stays), and every sealed personal field is sealed again under the
 * current data key; personal fields stored open by older versions are sealed
 * on the way. Afterwards the old keys can leave VIGIL_*_PREVIOUS_KEYS.
 */
import { resealEventPayload } from "../domain/personal-fields.js";
import type { MediaKeyEnv } from "../media/media-key.js";
import { openMediaVault } from "../media/media-vault.js";
import type { VigilDb } from "../store/database.js";
import { type DataKeyEnv, type FieldCipher, isSealed, loadFieldCipher } from "../store/field-cipher.js";
import { SealedFieldRepository } from "../store/repositories/sealed-field-repository.js";

export interface RekeyReport {
  media_blobs: number;
  media_blobs_rewrapped: number;
  fields_resealed: number;
  /** Values no key opens (sealed under a key no longer configured): left as they are. */
  unopenable: number;
}

function resealValue(value: string, fields: FieldCipher): string | null | "unopenable" {
  if (!isSealed(value)) return fields.seal(value);
  if (fields.isCurrent(value)) return null;
  const opened = fields.open(value);
  return opened === null ? "unopenable" : fields.seal(opened);
}

export async function rekey(
  db: VigilDb,
  dataDir: string,
  keys: DataKeyEnv & MediaKeyEnv,
): Promise<RekeyReport> {
  const fields = loadFieldCipher(dataDir, keys);
  const vault = await openMediaVault(dataDir, keys);
  const store = new SealedFieldRepository(db);
  const report: RekeyReport = { media_blobs: 0, media_blobs_rewrapped: 0, fields_resealed: 0, unopenable: 0 };
  for (const ref of await store.blobRefs()) {
    report.media_blobs++;
    if (await vault.rewrap(ref).catch(() => false)) report.media_blobs_rewrapped++;
  }
  for await (const { id, sealed } of store.accountPhones()) {
    const next = resealValue(sealed, fields);
    if (next === "unopenable") report.unopenable++;
    else if (next !== null) {
      await store.setAccountPhone(id, next);
      report.fields_resealed++;
    }
  }
  for await (const { seq, payload } of store.personalPayloads()) {
    const next = resealEventPayload(payload, fields);
    if (next) {
      await store.setPayload(seq, next);
      report.fields_resealed++;
    }
  }
  for await (const row of store.reportFields()) {
    const text = row.text === null ? null : resealValue(row.text, fields);
    const sealedReporter = typeof row.reporter?.sealed === "string" ? row.reporter.sealed : null;
    const reporter =
      row.reporter === null
        ? null
        : sealedReporter === null
          ? fields.seal(JSON.stringify(row.reporter))
          : resealValue(sealedReporter, fields);
    if (text === "unopenable" || reporter === "unopenable") report.unopenable++;
    const newText = text === null || text === "unopenable" ? row.text : text;
    const newReporter = reporter === null || reporter === "unopenable" ? row.reporter : { sealed: reporter };
    if (newText !== row.text || newReporter !== row.reporter) {
      await store.setReportFields(row.id, newText, newReporter);
      report.fields_resealed++;
    }
  }
  return report;
}
