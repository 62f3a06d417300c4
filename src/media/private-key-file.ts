/**
 * Key files in the data folder (the media master key, the hand-over signing
 * key): read only when no one else may read them, and created exactly once
 * even when several processes start together.
 */
import { randomBytes } from "node:crypto";
import { link, mkdir, open, readFile, stat, unlink } from "node:fs/promises";
import { join } from "node:path";

function errorCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
}

/**
 * The file's text, or undefined when it does not exist. Like ssh with private
 * keys: a key others can read protects nothing, so `insecure` names the error
 * instead of the key being used.
 */
export async function readPrivateKeyFile(
  path: string,
  insecure: (message: string) => Error,
): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (errorCode(error) === "ENOENT") return undefined;
    throw error;
  }
  if (process.platform !== "win32" && ((await stat(path)).mode & 0o077) !== 0) {
    throw insecure(`${path} is readable by other users; run: chmod 600 ${JSON.stringify(path)}`);
  }
  return text;
}

/**
 * Writes a new key file without ever exposing a half-written one: the text goes
 * to a private temporary file, is flushed, and is then hard-linked to its name,
 * which fails if another process got there first. Returns the text that won
 * (this process's, or the racing process's).
 */
export async function createPrivateKeyFileOnce(
  dataDir: string,
  fileName: string,
  text: string,
  insecure: (message: string) => Error,
): Promise<string> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, fileName);
  const temporary = join(dataDir, `.${fileName}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await open(temporary, "wx", 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temporary, path);
    return text;
  } catch (error) {
    if (errorCode(error) !== "EEXIST") throw error;
    const winner = await readPrivateKeyFile(path, insecure);
    if (winner === undefined) throw error;
    return winner;
  } finally {
    await unlink(temporary);
  }
}
