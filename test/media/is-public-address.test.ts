/** The address policy that keeps media fetches off private networks, range by range. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { isPublicAddress } from "../../src/media/is-public-address.js";

const PUBLIC: readonly [string, string][] = [
  ["8.8.8.8", "a public resolver"],
  ["1.1.1.1", "another"],
  ["93.184.215.14", "an ordinary host"],
  ["9.255.255.255", "just below 10/8"],
  ["11.0.0.0", "just above 10/8"],
  ["100.63.255.255", "just below CGNAT"],
  ["100.128.0.0", "just above CGNAT"],
  ["172.15.255.255", "just below 172.16/12"],
  ["172.32.0.0", "just above 172.16/12"],
  ["169.253.255.255", "just below link-local"],
  ["192.167.255.255", "just below 192.168/16"],
  ["198.17.255.255", "just below benchmarking"],
  ["198.20.0.0", "just above benchmarking"],
  ["223.255.255.255", "just below multicast"],
  ["2606:4700:4700::1111", "public IPv6"],
  ["2a00:1450:4001:81c::200e", "public IPv6"],
  ["2001:4860:4860::8888", "public IPv6 just above 2001::/23"],
  ["64:ff9b::808:808", "NAT64 of 8.8.8.8"],
  ["64:ff9b::8.8.8.8", "NAT64 of 8.8.8.8, dotted"],
];

const REFUSED: readonly [string, string][] = [
  ["0.0.0.0", "unspecified"],
  ["0.1.2.3", "this network"],
  ["10.0.0.1", "private 10/8"],
  ["10.255.255.255", "private 10/8, top"],
  ["100.64.0.1", "CGNAT"],
  ["100.127.255.255", "CGNAT, top"],
  ["127.0.0.1", "loopback"],
  ["127.255.255.254", "loopback, top"],
  ["169.254.169.254", "cloud metadata"],
  ["172.16.0.1", "private 172.16/12"],
  ["172.31.255.255", "private 172.16/12, top"],
  ["192.0.0.8", "IETF protocol assignments"],
  ["192.0.2.1", "TEST-NET-1"],
  ["192.88.99.1", "6to4 relay anycast"],
  ["192.168.1.1", "private 192.168/16"],
  ["198.18.0.1", "benchmarking"],
  ["198.19.255.255", "benchmarking, top"],
  ["198.51.100.7", "TEST-NET-2"],
  ["203.0.113.9", "TEST-NET-3"],
  ["224.0.0.1", "multicast"],
  ["239.255.255.250", "multicast SSDP"],
  ["240.0.0.1", "reserved"],
  ["255.255.255.255", "broadcast"],
  ["::", "IPv6 unspecified"],
  ["::1", "IPv6 loopback"],
  ["::ffff:127.0.0.1", "IPv4-mapped loopback"],
  ["::ffff:8.8.8.8", "IPv4-mapped, even of a public address"],
  ["::ffff:7f00:1", "IPv4-mapped loopback in hex"],
  ["::127.0.0.1", "IPv4-compatible"],
  ["64:ff9b::7f00:1", "NAT64 of loopback"],
  ["64:ff9b::10.0.0.1", "NAT64 of a private address"],
  ["64:ff9b:1::8.8.8.8", "local-use NAT64 (RFC 8215)"],
  ["100::1", "discard-only"],
  ["2001::1", "Teredo"],
  ["2001:2::1", "benchmarking"],
  ["2001:db8::1", "documentation"],
  ["2002:7f00:1::1", "6to4"],
  ["3fff::1", "documentation (RFC 9637)"],
  ["5f00::1", "SRv6 SIDs (outside 2000::/3)"],
  ["fc00::1", "unique local"],
  ["fd12:3456:789a::1", "unique local"],
  ["fe80::1", "link-local"],
  ["fe80::1%eth0", "link-local with a zone"],
  ["fec0::1", "deprecated site-local"],
  ["ff02::1", "multicast"],
  ["ff0e::1", "global multicast"],
  ["localhost", "a name, not an address"],
  ["example.com", "a name"],
  ["", "empty"],
  ["[::1]", "a bracketed URL host, not an address"],
  ["127.1", "short-form IPv4 (callers must normalise first)"],
  ["2130706433", "integer IPv4"],
  ["1.2.3.4.5", "malformed"],
  ["::ffff:256.1.1.1", "malformed mapped"],
];

for (const [address, why] of PUBLIC) {
  test(`public: ${address} (${why})`, () => {
    assert.equal(isPublicAddress(address), true);
  });
}

for (const [address, why] of REFUSED) {
  test(`refused: ${JSON.stringify(address)} (${why})`, () => {
    assert.equal(isPublicAddress(address), false);
  });
}
