/**
 * robots.txt as RFC 9309 reads it: the group naming our product token (else
 * the "*" group) applies; within it the longest matching rule wins, "allow"
 * winning ties; "*" matches any run of characters and a final "$" anchors the
 * end. An unreachable or missing robots.txt (4xx) allows everything (RFC 9309
 * section 2.3.1.3); a server error disallows everything until it answers.
 */
import type { CrawlRefusal } from "./crawl-fetch-error.js";

export interface RobotsRules {
  isAllowed(pathAndQuery: string): boolean;
  /** Crawl-delay in seconds, when the applicable group gives one (not in the RFC, widely honoured). */
  crawlDelaySeconds?: number;
  /** Why robots.txt could not be read, when that is why everything is disallowed (5xx, timeout, unreachable). */
  unreadable?: { reason: CrawlRefusal; message: string; status?: number };
}

interface Rule {
  allow: boolean;
  pattern: string;
}

/**
 * Does a robots.txt path pattern match the start of `path` ("*" any run, a
 * final "$" the end)? Matched segment by segment, each at its leftmost place,
 * which is exact for patterns whose only wildcard is "*" and takes linear time.
 * A regular expression with one ".*" per "*" backtracked exponentially: a
 * hostile site's `Disallow: /a*a*a*a*a*a*a*a*a*a*a*a*b` held the crawler for
 * minutes on a 60-character path (issue 17's fuzzing).
 */
export function robotsPatternMatches(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith("$");
  const parts = (anchored ? pattern.slice(0, -1) : pattern).split("*");
  if (!path.startsWith(parts[0])) return false;
  let at = parts[0].length;
  if (parts.length === 1) return !anchored || path.length === at;
  const last = parts.length - 1;
  for (let i = 1; i < last; i++) {
    const found = path.indexOf(parts[i], at);
    if (found < 0) return false;
    at = found + parts[i].length;
  }
  if (!anchored) return path.indexOf(parts[last], at) >= 0;
  return path.length - parts[last].length >= at && path.endsWith(parts[last]);
}

interface Group {
  agents: string[];
  rules: Rule[];
  crawlDelay?: number;
}

function parseGroups(text: string): Group[] {
  const groups: Group[] = [];
  let current: Group | null = null;
  let lastWasAgent = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, "").trim();
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === "user-agent") {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current) continue;
    if ((key === "allow" || key === "disallow") && value !== "") {
      current.rules.push({ allow: key === "allow", pattern: value });
    } else if (key === "crawl-delay" && Number.isFinite(Number(value))) {
      current.crawlDelay = Number(value);
    }
  }
  return groups;
}

export function parseRobots(text: string, productToken: string): RobotsRules {
  const groups = parseGroups(text);
  const token = productToken.toLowerCase();
  const mine = groups.filter((g) => g.agents.some((a) => a !== "*" && token.includes(a)));
  const chosen = mine.length > 0 ? mine : groups.filter((g) => g.agents.includes("*"));
  const rules = chosen.flatMap((g) => g.rules);
  const crawlDelay = chosen.find((g) => g.crawlDelay !== undefined)?.crawlDelay;
  return {
    crawlDelaySeconds: crawlDelay,
    isAllowed(path: string) {
      let best: Rule | undefined;
      for (const rule of rules) {
        if (!robotsPatternMatches(rule.pattern, path)) continue;
        const longer = !best || rule.pattern.length > best.pattern.length;
        const tieAllow = best && rule.pattern.length === best.pattern.length && rule.allow;
        if (longer || tieAllow) best = rule;
      }
      return best ? best.allow : true;
    },
  };
}

export const ALLOW_ALL: RobotsRules = { isAllowed: () => true };
export const DISALLOW_ALL: RobotsRules = { isAllowed: () => false };
