/** The socket lookup hands back only checked addresses, in both of net's calling styles. */
import assert from "node:assert/strict";
import type { LookupAddress } from "node:dns";
import { test } from "node:test";
import { AddressNotAllowedError, guardedLookup } from "../../src/media/guarded-lookup.js";
import { isPublicAddress } from "../../src/media/is-public-address.js";

const dns = async (hostname: string): Promise<LookupAddress[]> =>
  ({
    "public.test": [
      { address: "2606:4700::1", family: 6 },
      { address: "93.184.215.14", family: 4 },
    ],
    "rebind.test": [
      { address: "93.184.215.14", family: 4 },
      { address: "127.0.0.1", family: 4 },
    ],
  })[hostname] ?? [];

function call(hostname: string, options: { all?: boolean; family?: number }) {
  return new Promise<{ error: Error | null; address: string | LookupAddress[]; family?: number }>((resolve) =>
    guardedLookup(dns, isPublicAddress)(hostname, options, (error, address, family) =>
      resolve({ error, address, family }),
    ),
  );
}

test("all: true gets every checked address", async () => {
  const { error, address } = await call("public.test", { all: true });
  assert.equal(error, null);
  assert.deepEqual(address, await dns("public.test"));
});

test("a single answer respects the family asked for", async () => {
  assert.deepEqual(await call("public.test", {}), { error: null, address: "2606:4700::1", family: 6 });
  assert.deepEqual(await call("public.test", { family: 4 }), {
    error: null,
    address: "93.184.215.14",
    family: 4,
  });
});

test("one private address among public ones refuses the name; no address refuses it too", async () => {
  for (const hostname of ["rebind.test", "empty.test"]) {
    const { error } = await call(hostname, { all: true });
    assert.ok(error instanceof AddressNotAllowedError, String(error));
  }
});
