import { DEFAULT_DECODE_BUDGET, DecodeBudget } from "../media/decode-budget.js";
import type { MediaBlobStore } from "../media/media-blob-store.js";
import {
  DEFAULT_MEDIA_INTAKE_OPTIONS,
  type IntakenMedia,
  intakeMedia,
  type MediaSource,
} from "../media/media-intake.js";
import type { MediaKeyEnv } from "../media/media-key.js";
import { NODE_VAULT_FILES, openMediaVault, type VaultFiles } from "../media/media-vault.js";
import { originalFileName } from "../media/original-file-name.js";
import { collectGarbage } from "../media/reclaim-memory.js";
import type { ResolvedHashes } from "../pipeline/subject-updates.js";
import { type PhoneKeyer, phoneKeyer } from "../search/phone-key.js";
import { type DataKeyEnv, type FieldCipher, loadDataKey } from "../store/field-cipher.js";
import { newPublicId } from "../store/repositories/decision-writer.js";
import type { MediaRepository, MediaRow } from "../store/repositories/media-repository.js";
import type { ServerConfig, StoredMediaView } from "./context.js";

export interface Secrets {
  vault: MediaBlobStore;
  /** A small durable write in the vault's folder, removed at once; throws when the disk is full. */
  probeWrite(): Promise<void>;
  /** Every image this process decodes takes its share of this budget first. */
  decodeBudget: DecodeBudget;
  /** The data keys (personal fields: phones, reporters, report texts). */
  fields: FieldCipher;
  encryptPhone(phone: string): string;
  /** Keyed hash of an E.164 number (search; never the number itself). */
  phoneKey: PhoneKeyer;
  /** Seals and opens other personal fields (a hotline caller's contact) with the data key. */
  sealField(plaintext: string): string;
  openField(sealed: string): string | null;
  intakeMedia(source: MediaSource): Promise<StoredMediaView>;
  resolveUrl(url: string): Promise<ResolvedHashes>;
}

export function mediaView(row: MediaRow): StoredMediaView {
  return {
    media_id: row.id,
    sha256: row.sha256,
    md5: row.md5,
    pdq: row.pdq,
    quality: row.pdqQuality,
    mime: row.mime,
    size: row.size,
    kind: row.kind,
    vpdq_frames: row.vpdq ? row.vpdq.trim().split("\n").length : null,
  };
}

export async function makeSecrets(
  config: ServerConfig,
  media: MediaRepository,
  fields: FieldCipher,
  keys: DataKeyEnv & MediaKeyEnv,
  vaultFiles: VaultFiles = NODE_VAULT_FILES,
): Promise<Secrets> {
  const vault = await openMediaVault(config.dataDir, keys, vaultFiles);
  const store = async (source: MediaSource, intaken: IntakenMedia) =>
    media.insert({
      id: newPublicId("m"),
      sha256: intaken.sha256,
      md5: intaken.md5,
      pdq: intaken.pdq,
      pdqQuality: intaken.quality,
      mime: intaken.mime,
      size: intaken.size,
      blobRef: intaken.ref,
      source: source.kind === "url" ? `url:${intaken.sourceUrl ?? source.url}` : "upload",
      originalName: source.kind === "bytes" ? originalFileName(source.originalName) : undefined,
      kind: intaken.kind,
      vpdq: intaken.vpdq,
    });
  const decodeBudget = new DecodeBudget({ ...DEFAULT_DECODE_BUDGET, ...config.decodeBudget }, collectGarbage);
  const limits = {
    maxBytes: config.mediaLimitBytes,
    hash: { ...DEFAULT_MEDIA_INTAKE_OPTIONS.hash, budget: decodeBudget },
  };
  return {
    vault,
    probeWrite: () => vault.probeWrite(),
    decodeBudget,
    fields,
    encryptPhone: (phone) => fields.seal(phone),
    // Derived from the current data key; `vigil keys rekey` under a new key leaves the search keys to the start-up backfill.
    phoneKey: phoneKeyer(loadDataKey(config.dataDir, keys)),
    sealField: (plaintext) => fields.seal(plaintext),
    openField: (sealed) => fields.open(sealed),
    async intakeMedia(source) {
      return mediaView(await store(source, await intakeMedia(source, vault, limits)));
    },
    async resolveUrl(url) {
      const source: MediaSource = { kind: "url", url };
      const row = await store(source, await intakeMedia(source, vault, limits));
      return {
        mediaId: row.id,
        pdq: row.pdq ?? undefined,
        quality: row.pdqQuality ?? undefined,
        md5: row.md5 ?? undefined,
        sha256: row.sha256 ?? undefined,
      };
    },
  };
}
