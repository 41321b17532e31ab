import { lookup } from "node:dns/promises";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { BlockList, isIP } from "node:net";

/**
 * Requests the server makes to addresses its users chose (webhooks, later integrations) never
 * reach the machine itself, the private network or the cloud's metadata service: the host name
 * is resolved once, every address it resolves to must be public, and the connection goes to the
 * address that was checked (no second lookup a DNS rebinding could answer differently).
 * Redirects are not followed.
 */

// Two lists: one BlockList holding both families matches IPv4 addresses against IPv6 rules
// (as mapped addresses), which would block every IPv4 address.
const blocked = { ipv4: new BlockList(), ipv6: new BlockList() };
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network", unspecified
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  blocked.ipv4.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["::ffff:0:0", 96], // IPv4-mapped
  ["64:ff9b::", 96], // NAT64 (reaches IPv4 addresses)
  ["64:ff9b:1::", 48], // local NAT64
  ["100::", 64], // discard
  ["2001::", 23], // IETF protocol assignments (Teredo, benchmarking…)
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4 (embeds an IPv4 address)
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
] as const) {
  blocked.ipv6.addSubnet(network, prefix, "ipv6");
}

/** Whether an IP address is one the server may connect to on a user's behalf. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return family === 4 ? !blocked.ipv4.check(address, "ipv4") : !blocked.ipv6.check(address, "ipv6");
}

export class OutboundRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutboundRefused";
  }
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export interface OutboundOptions {
  /** Plain http to localhost, for development and tests only (WEBHOOK_ALLOW_LOCAL_HTTP). */
  allowLocalHttp?: boolean;
  /** Resolves a host name (tests answer for names of their own). */
  resolve?: (hostname: string) => Promise<Array<{ address: string; family: number }>>;
  timeoutMs?: number;
}

/**
 * The address to connect to for `url`, checked: https only (or plain http to localhost when
 * allowed), every resolved address public. Throws OutboundRefused otherwise.
 */
export async function checkedTarget(
  url: URL,
  options: OutboundOptions = {},
): Promise<{ address: string; family: 4 | 6; local: boolean }> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (url.protocol === "http:") {
    if (options.allowLocalHttp && LOCAL_HOSTS.has(url.hostname))
      return { address: host === "localhost" ? "127.0.0.1" : host, family: host.includes(":") ? 6 : 4, local: true };
    throw new OutboundRefused("only https is allowed");
  }
  if (url.protocol !== "https:") throw new OutboundRefused(`protocol ${url.protocol} is not allowed`);
  if (url.username || url.password) throw new OutboundRefused("credentials in the address are not allowed");
  const literal = isIP(host);
  const addresses = literal
    ? [{ address: host, family: literal }]
    : await (options.resolve ?? ((name) => lookup(name, { all: true, verbatim: true })))(host).catch(() => []);
  if (addresses.length === 0) throw new OutboundRefused(`${host} does not resolve`);
  const refused = addresses.find((a) => !isPublicAddress(a.address));
  if (refused) throw new OutboundRefused(`${host} resolves to ${refused.address}, which is not a public address`);
  const chosen = addresses[0]!;
  return { address: chosen.address, family: chosen.family === 6 ? 6 : 4, local: false };
}

/**
 * POSTs `body` to `url` at its checked address; resolves with the status code (the answer's
 * body is read and dropped). No redirect is followed: a 3xx is just a status.
 */
export async function postChecked(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: OutboundOptions = {},
): Promise<number> {
  const target = new URL(url);
  const { address, family, local } = await checkedTarget(target, options);
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<number>((resolve, reject) => {
    const request = send(
      target,
      {
        method: "POST",
        headers: { ...headers, "Content-Length": Buffer.byteLength(body).toString() },
        // Connect to the address checked above, whatever a new lookup would say now; the
        // certificate is still checked against the host name (servername).
        lookup: (_hostname, lookupOptions, callback) => {
          if ((lookupOptions as { all?: boolean }).all)
            (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [
              { address, family },
            ]);
          else callback(null, address, family);
        },
        servername: local || isIP(target.hostname.replace(/^\[|\]$/g, "")) ? undefined : target.hostname,
        timeout: options.timeoutMs ?? 10_000,
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", reject);
    request.end(body);
  });
}
