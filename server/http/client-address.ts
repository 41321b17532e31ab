import { BlockList, isIP } from "node:net";

/**
 * Which X-Forwarded-* headers to believe (TRUSTED_PROXIES): none by default, so the client is the
 * socket's peer and a client cannot pick the address its sign-in requests are counted under; a
 * hop count (the number of proxies in front of the app, each appending to X-Forwarded-For); or a
 * comma-separated list of proxy addresses and CIDR ranges.
 */
export type TrustedProxies = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "list"; list: BlockList };

export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const text = (value ?? "").trim();
  if (!text || text === "none" || text === "0") return { kind: "none" };
  if (/^\d+$/.test(text)) return { kind: "hops", hops: Math.min(Number(text), 32) };
  const list = new BlockList();
  for (const entry of text
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [address, prefix] = entry.split("/");
    const family = isIP(address ?? "");
    if (!family) throw new Error(`TRUSTED_PROXIES: "${entry}" is neither an address nor a CIDR range`);
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, Number(prefix), type);
  }
  return { kind: "list", list };
}

/** "::ffff:192.0.2.1" (an IPv4 peer on a dual-stack socket) as "192.0.2.1". */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

function trustedBy(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * The client's address, and whether the forwarded protocol and host may be believed (the peer
 * is a trusted proxy). X-Forwarded-For is read from the right: each trusted proxy appended the
 * address it received the request from.
 */
export function clientAddress(
  peer: string,
  forwardedFor: string | undefined,
  trusted: TrustedProxies,
): { ip: string; forwardedTrusted: boolean } {
  const socket = plainAddress(peer);
  if (trusted.kind === "none") return { ip: socket, forwardedTrusted: false };
  const chain = [
    ...(forwardedFor ?? "")
      .split(",")
      .map((e) => plainAddress(e.trim()))
      .filter((e) => isIP(e) !== 0),
    socket,
  ];
  if (trusted.kind === "hops") {
    return { ip: chain[Math.max(0, chain.length - 1 - trusted.hops)]!, forwardedTrusted: trusted.hops > 0 };
  }
  let i = chain.length - 1;
  while (i > 0 && trustedBy(trusted.list, chain[i]!)) i--;
  return { ip: chain[i]!, forwardedTrusted: trustedBy(trusted.list, socket) };
}

/** The header scripts/serve.ts sets on every request with the client's address (any sent by the client is replaced). */
export const CLIENT_IP_HEADER = "x-maillage-client-ip";
