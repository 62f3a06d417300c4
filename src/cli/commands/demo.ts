/**
 * `vigil demo`: what `npm start` runs until the service lands. Hashes the bundled
 * benign sample images so a new user sees Vigil work with nothing to set up.
 */
import { fileURLToPath } from "node:url";
import type { Command } from "commander";

const SAMPLES = fileURLToPath(new URL("../../../../fixtures/images", import.meta.url));

export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description("hash the bundled benign sample images (what `npm start` runs)")
    .action(async () => {
      process.stderr.write(
        `Vigil demo: PDQ hash, quality and file of each bundled sample image (${SAMPLES}).\n` +
          "Try `npx vigil hash --json <files or folders>` on your own files.\n\n",
      );
      await program.parseAsync(["hash", SAMPLES], { from: "user" });
    });
}
