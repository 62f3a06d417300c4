/**
 * Whether an IP address is a public, globally routed unicast address that Vigil may
 * fetch media from. Everything else is refused: a URL in a platform event is
 * attacker-controlled, and fetching it must never reach the machine itself, the
 * private network, or a cloud metadata service (server-side request forgery).
 *
 * Ranges follow the IANA IPv4 and IPv6 Special-Purpose Address Registries
 * (RFC 6890 and its updates). IPv6 is judged by allow-list: only global unicast
 * (2000::/3, RFC 4291 section 2.4) minus its special blocks, plus NAT64 addresses
 * (64:ff9b::/96, RFC 6052) whose embedded IPv4 address is itself public, so hosts
 * behind DNS64 can still fetch IPv4-only sites.
 */
import { isIPv4, isIPv6 } from "node:net";

interface Range {
  /** Network address as bytes (4 for IPv4, 16 for IPv6). */
  network: Uint8Array;
  prefix: number;
  why: string;
}

function v4Range(cidr: string, why: string): Range {
  const [address, prefix] = cidr.split("/");
  return { network: parseIPv4(address)!, prefix: Number(prefix), why };
}

function v6Range(cidr: string, why: string): Range {
  const [address, prefix] = cidr.split("/");
  return { network: parseIPv6(address)!, prefix: Number(prefix), why };
}

/** IPv4 blocks that are not globally reachable unicast. */
const IPV4_REFUSED: readonly Range[] = [
  v4Range("0.0.0.0/8", "this network / unspecified"),
  v4Range("10.0.0.0/8", "private (RFC 1918)"),
  v4Range("100.64.0.0/10", "shared address space, carrier-grade NAT (RFC 6598)"),
  v4Range("127.0.0.0/8", "loopback"),
  v4Range("169.254.0.0/16", "link-local, including cloud metadata 169.254.169.254"),
  v4Range("172.16.0.0/12", "private (RFC 1918)"),
  v4Range("192.0.0.0/24", "IETF protocol assignments"),
  v4Range("192.0.2.0/24", "documentation TEST-NET-1"),
  v4Range("192.88.99.0/24", "deprecated 6to4 relay anycast (RFC 7526)"),
  v4Range("192.168.0.0/16", "private (RFC 1918)"),
  v4Range("198.18.0.0/15", "benchmarking (RFC 2544)"),
  v4Range("198.51.100.0/24", "documentation TEST-NET-2"),
  v4Range("203.0.113.0/24", "documentation TEST-NET-3"),
  v4Range("224.0.0.0/4", "multicast"),
  v4Range("240.0.0.0/4", "reserved, including broadcast 255.255.255.255"),
];

const IPV6_GLOBAL_UNICAST = v6Range("2000::/3", "global unicast");
const IPV6_NAT64 = v6Range("64:ff9b::/96", "NAT64 well-known prefix (RFC 6052)");

/** Blocks inside 2000::/3 that are not globally reachable, or that tunnel to an address we cannot judge. */
const IPV6_REFUSED_IN_GLOBAL: readonly Range[] = [
  v6Range("2001::/23", "IETF protocol assignments, including Teredo 2001::/32"),
  v6Range("2001:db8::/32", "documentation"),
  v6Range("2002::/16", "6to4: tunnels to an embedded IPv4 address"),
  v6Range("3fff::/20", "documentation (RFC 9637)"),
];

function parseIPv4(text: string): Uint8Array | undefined {
  if (!isIPv4(text)) return undefined;
  return Uint8Array.from(text.split(".").map(Number));
}

/** Parses an IPv6 address (with `::` and an optional dotted IPv4 tail) into 16 bytes. */
function parseIPv6(text: string): Uint8Array | undefined {
  // A zone id (fe80::1%eth0) only exists for scoped, non-global addresses.
  if (!isIPv6(text) || text.includes("%")) return undefined;
  let groups: string[];
  const [head, tail] = text.split("::");
  const split = (part: string | undefined) => (part ? part.split(":") : []);
  const expand = (parts: string[]) =>
    parts.flatMap((part) => {
      if (!part.includes(".")) return [part];
      const v4 = parseIPv4(part)!;
      return [((v4[0] << 8) | v4[1]).toString(16), ((v4[2] << 8) | v4[3]).toString(16)];
    });
  if (tail === undefined) {
    groups = expand(split(head));
  } else {
    const left = expand(split(head));
    const right = expand(split(tail));
    groups = [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  }
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    const value = Number.parseInt(group, 16);
    bytes[i * 2] = value >> 8;
    bytes[i * 2 + 1] = value & 0xff;
  });
  return bytes;
}

function inRange(address: Uint8Array, range: Range): boolean {
  if (address.length !== range.network.length) return false;
  const fullBytes = range.prefix >> 3;
  for (let i = 0; i < fullBytes; i++) if (address[i] !== range.network[i]) return false;
  const restBits = range.prefix & 7;
  if (restBits === 0) return true;
  const mask = (0xff << (8 - restBits)) & 0xff;
  return (address[fullBytes] & mask) === (range.network[fullBytes] & mask);
}

function isPublicIPv4Bytes(address: Uint8Array): boolean {
  return !IPV4_REFUSED.some((range) => inRange(address, range));
}

function isPublicIPv6Bytes(address: Uint8Array): boolean {
  if (inRange(address, IPV6_NAT64)) return isPublicIPv4Bytes(address.subarray(12));
  if (!inRange(address, IPV6_GLOBAL_UNICAST)) return false;
  return !IPV6_REFUSED_IN_GLOBAL.some((range) => inRange(address, range));
}

/**
 * True only for a syntactically valid IPv4 or IPv6 address that is public. Anything
 * else (a host name, a malformed string, a scoped address) is false: callers judge
 * resolved addresses, never names.
 *
 * IPv4-mapped (::ffff:0:0/96) and IPv4-compatible (::/96) IPv6 addresses are refused
 * outright, whatever they embed: a resolver should never hand them out, so one that
 * does is treated as hostile.
 */
export function isPublicAddress(address: string): boolean {
  const v4 = parseIPv4(address);
  if (v4) return isPublicIPv4Bytes(v4);
  const v6 = parseIPv6(address);
  if (v6) return isPublicIPv6Bytes(v6);
  return false;
}
