/**
 * `vigil crawl run`: crawls directory sources for invite links. With --start
 * it needs no config file; with --json it prints one line per distinct invite
 * link: {"platform","code","url","found_on","category","title"}. With --submit
 * (a running service's URL and a key with events:write and media:write, in
 * VIGIL_API_KEY) each new link's preview is resolved and submitted as an
 * `invite_link.discovered` event. Per-source stats go to stderr at the end.
 */
import { type Command, InvalidArgumentError } from "commander";
import { type CrawlConfig, loadCrawlConfig, type SourceConfig } from "../../crawl/crawl-config.js";
import { MemoryCrawlJournal } from "../../crawl/crawl-journal.js";
import { createCrawlTools } from "../../crawl/crawl-tools.js";
import type { FoundInvite } from "../../crawl/listing.js";
import { previewBases } from "../../crawl/preview/preview-sources.js";
import { runSource, type SourceStats } from "../../crawl/run-crawl.js";
import { HttpServiceClient } from "../../crawl/service-client.js";
import { submitDiscovery } from "../../crawl/submit-discovery.js";
import { startCrawlProgress } from "../crawl-progress.js";
import type { ProgressPreference } from "../progress.js";
import { writeLine } from "../write-line.js";

interface RunOptions {
  config?: string;
  start: string[];
  allowHost: string[];
  maxPages?: number;
  maxDepth?: number;
  json: boolean;
  progress?: boolean;
  submit?: string;
  intervalMs?: number;
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected a whole number");
  return n;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The configuration: the file, or one site source built from --start. */
function configFrom(options: RunOptions): CrawlConfig {
  const config: CrawlConfig = options.config
    ? loadCrawlConfig(options.config)
    : {
        sources: [
          {
            kind: "site",
            name: "command-line",
            start_urls: options.start,
            max_depth: options.maxDepth ?? 3,
            max_pages: options.maxPages ?? 1000,
          },
        ],
        network_allow_hosts: [],
        politeness: {
          min_interval_ms: 1000,
          host_concurrency: 2,
          concurrency: 8,
          timeout_ms: 10_000,
          max_bytes: 5 * 1024 * 1024,
        },
      };
  if (options.config && options.start.length > 0)
    throw new InvalidArgumentError("give --config or --start, not both");
  if (!options.config && options.start.length === 0)
    throw new InvalidArgumentError("give --start URL or --config FILE");
  config.network_allow_hosts = [...config.network_allow_hosts, ...options.allowHost];
  if (options.intervalMs !== undefined) config.politeness.min_interval_ms = options.intervalMs;
  config.sources = config.sources.map((source): SourceConfig => {
    const hosts = source.kind === "site" ? source.start_urls : [source.url];
    const withHosts = {
      ...source,
      // Hosts named with --allow-host are also crawled, so a mirror on 127.0.0.1 is in reach.
      hosts: [...(source.hosts ?? hosts.map((u) => new URL(u).hostname)), ...options.allowHost],
    };
    return options.maxPages !== undefined ? { ...withHosts, max_pages: options.maxPages } : withHosts;
  });
  return config;
}

function formatStats(stats: SourceStats): string {
  const refusals = Object.entries(stats.refusals)
    .map(([reason, n]) => `${reason} ${n}`)
    .join(", ");
  return (
    `${stats.source}: ${stats.pagesFetched} pages fetched, ${stats.pagesRefused} refused` +
    `${refusals ? ` (${refusals})` : ""}, ${stats.invites} invite links, ${stats.seconds.toFixed(1)} s`
  );
}

async function run(options: RunOptions): Promise<number> {
  const config = configFrom(options);
  const tools = createCrawlTools({
    networkAllowHosts: config.network_allow_hosts,
    minIntervalMs: config.politeness.min_interval_ms,
    hostConcurrency: config.politeness.host_concurrency,
    concurrency: config.politeness.concurrency,
    timeoutMs: config.politeness.timeout_ms,
    maxBytes: config.politeness.max_bytes,
  });
  const apiKey = process.env.VIGIL_API_KEY;
  if (options.submit && !apiKey) throw new InvalidArgumentError("--submit needs VIGIL_API_KEY");
  const client = options.submit && apiKey ? new HttpServiceClient(options.submit, apiKey) : undefined;
  const preference: ProgressPreference =
    options.progress === undefined ? "auto" : options.progress ? "always" : "never";
  let failures = 0;
  for (const source of config.sources) {
    const journal = new MemoryCrawlJournal();
    const progress = startCrawlProgress(source.name, preference);
    const pending: Promise<void>[] = [];
    const onInvite = (invite: FoundInvite) => {
      progress.invite();
      if (options.json) {
        pending.push(
          Promise.resolve(
            writeLine(
              JSON.stringify({
                platform: invite.platform,
                code: invite.code,
                url: invite.url,
                found_on: invite.foundOn,
                category: invite.category ?? null,
                title: invite.title ?? null,
              }),
            ),
          ),
        );
      }
      if (client) {
        pending.push(
          submitDiscovery(
            invite,
            { bases: previewBases(), fetch: tools.fetch, withImage: true, maxImageBytes: 10 * 1024 * 1024 },
            client,
          ).then(
            () => undefined,
            (error: unknown) => {
              failures++;
              process.stderr.write(
                `vigil crawl: ${invite.url}: ${error instanceof Error ? error.message : String(error)}\n`,
              );
            },
          ),
        );
      }
    };
    const stats = await runSource(source, tools, journal, {
      onPage: (record) => progress.page(record.outcome === "refused", journal.records.length + 1),
      onInvite,
    }).finally(() => progress.stop());
    await Promise.all(pending);
    process.stderr.write(`${formatStats(stats)}\n`);
  }
  return failures > 0 ? 1 : 0;
}

export function registerCrawlCommands(program: Command): void {
  const crawl = program.command("crawl").description("crawl group directories for invite links");
  crawl
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
    .option("--max-pages <n>", "pages per source at most", positive)
    .option("--max-depth <n>", "link depth from the start URLs (default 3)", positive)
    .option("--interval-ms <n>", "between two requests to one host (default 1000)", positive)
    .option("--json", "print one JSON line per distinct invite link", false)
    .option("--progress", "always show progress on stderr")
    .option("--no-progress", "never show progress")
    .option(
      "--submit <url>",
      "resolve previews and submit events to this Vigil service (key in VIGIL_API_KEY)",
    )
    .action(async (options: RunOptions) => {
      process.exitCode = await run(options);
    });
}
