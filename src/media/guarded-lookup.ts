/**
 * A DNS lookup for `net.connect` that refuses non-public addresses. Checking an
 * address and then connecting by name would let DNS rebinding answer "public" to
 * the check and "private" to the connect; handing the checked addresses to the
 * socket itself means the connection goes exactly where the check looked.
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";

export type HostResolver = (hostname: string) => Promise<LookupAddress[]>;
export type AddressPolicy = (address: string) => boolean;

/** The system resolver, every address in the order it gives them. */
export const systemResolver: HostResolver = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    );
  });

/** Raised inside the socket's lookup; the fetcher turns it into UrlNotAllowed. */
export class AddressNotAllowedError extends Error {
  override readonly name = "AddressNotAllowedError";
  readonly code = "EVIGIL_ADDRESS_NOT_ALLOWED";
  constructor(
    readonly hostname: string,
    readonly address: string | undefined,
  ) {
    super(
      address === undefined
        ? `${hostname} resolves to no address`
        : `${hostname} resolves to ${address}, which is not a public address`,
    );
  }
}

/**
 * Every address a name resolves to must pass: a name with one public and one
 * private address is refused rather than trusted to connect to the right one.
 */
export function guardedLookup(resolver: HostResolver, isAllowed: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    resolver(hostname).then(
      (all) => {
        // net may ask for one family, as a number or (older callers) as "IPv4"/"IPv6".
        const asked = String(options.family ?? "");
        const family =
          asked === "4" || asked === "IPv4" ? 4 : asked === "6" || asked === "IPv6" ? 6 : undefined;
        const addresses = family ? all.filter((entry) => entry.family === family) : all;
        const refused = addresses.find((entry) => !isAllowed(entry.address));
        if (refused || addresses.length === 0) {
          callback(new AddressNotAllowedError(hostname, refused?.address), "", 0);
        } else if (options.all) {
          callback(null, addresses);
        } else {
          callback(null, addresses[0].address, addresses[0].family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
}
