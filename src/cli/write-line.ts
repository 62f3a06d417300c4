/** Writes a line to stdout and waits when the pipe is full, so output to a slow reader never piles up in memory. */
export function writeLine(line: string): Promise<void> | void {
  if (process.stdout.write(`${line}\n`)) return;
  return new Promise((resolve) => process.stdout.once("drain", () => resolve()));
}
