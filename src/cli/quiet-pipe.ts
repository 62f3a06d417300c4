/**
 * `vigil … | head`: when the reader of stdout goes away, writing to it fails with EPIPE.
 * Node reports that as an 'error' event on process.stdout, and with no listener it
 * becomes an uncaught exception with a stack trace. A closed reader means nobody wants
 * more output, which is success for a command that prints (as for `cat` or `grep`), so
 * the process ends at once with exit code 0. Other write errors (disk full on a
 * redirected file) stay failures, reported in one line.
 */

let installed = false;

export function exitQuietlyWhenReaderLeaves(stream: NodeJS.WriteStream = process.stdout): void {
  if (installed && stream === process.stdout) return;
  if (stream === process.stdout) installed = true;
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE" || error.code === "ERR_STREAM_DESTROYED") process.exit(0);
    process.stderr.write(`vigil: cannot write the output: ${error.message}\n`);
    process.exit(1);
  });
}
