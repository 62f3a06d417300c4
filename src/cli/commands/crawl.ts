/**
 * `vigil crawl run|status|links|check`: crawl group directories for invite
 * links (crawl-run.ts), and read or re-check what the store holds
 * (crawl-report.ts). `run --start URL [--allow-host HOST]… [--max-pages N]
 * [--json]` needs no config file and prints one line per distinct invite link:
 * {"platform","code","url","found_on","category","title"}.
 */
import { type Command, InvalidArgumentError } from "commander";
import { crawlCheck, crawlLinks, crawlStatus } from "../crawl-report.js";
import { runCrawl } from "../crawl-run.js";
import { addStoreOptions } from "../open-store.js";

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected a whole number");
  return n;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerCrawlCommands(program: Command): void {
  const crawl = program.command("crawl").description("crawl group directories for invite links");
  const run = crawl
    .command("run")
    .description("crawl the configured sources, or one site from --start")
    .option("--config <file>", "crawl configuration (JSON: sources, network_allow_hosts, politeness)")
    .option("--start <url>", "start URL of a site to crawl (repeatable)", collect, [])
    .option(
      "--allow-host <host>",
      "crawl this host and allow it on non-public addresses (repeatable)",
      collect,
      [],
    )
    .option("--max-pages <n>", "pages per source at most", count)
    .option("--max-depth <n>", "link depth from the start URLs (default 3)", count)
    .option("--interval-ms <n>", "between two requests to one host (default 1000)", count)
    .option("--json", "print one JSON line per distinct invite link", false)
    .option("--progress", "always show progress on stderr")
    .option("--no-progress", "never show progress")
    .option(
      "--submit <url>",
      "resolve previews and submit events to this Vigil service (key in VIGIL_API_KEY)",
    )
    .option("--due", "only sources whose schedule is due (with --persist)", false)
    .option(
      "--persist",
      "keep the run in the store (resumed after a crash; links kept for status, links, check)",
      false,
    );
  addStoreOptions(run).action(async (options: Parameters<typeof runCrawl>[0]) => {
    process.exitCode = await runCrawl(options);
  });

  addStoreOptions(
    crawl.command("status").description("recent runs, links by liveness, time to removal per platform"),
  )
    .option("--json", "one JSON object", false)
    .action((options: Parameters<typeof crawlStatus>[0]) => crawlStatus(options));

  addStoreOptions(crawl.command("links").description("stored invite links, one JSON line each"))
    .option("--platform <name>", "only this platform")
    .option(
      "--liveness <state>",
      "only links in this state (alive, full, unknown, suspected_revoked, revoked)",
    )
    .option("--limit <n>", "at most this many", count, 1000)
    .action((options: Parameters<typeof crawlLinks>[0]) => crawlLinks(options));

  addStoreOptions(crawl.command("check").description("re-check every link whose liveness check is due"))
    .option("--allow-host <host>", "reach this host on non-public addresses (repeatable)", collect, [])
    .option("--limit <n>", "links per round", count, 500)
    .action((options: Parameters<typeof crawlCheck>[0]) => crawlCheck(options));
}
