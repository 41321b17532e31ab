import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustedProxies } from "../../server/http/client-address";

describe("the client's address behind proxies (TRUSTED_PROXIES)", () => {
  it("trusts no forwarded header by default: the socket's peer is the client", () => {
    const none = parseTrustedProxies("");
    expect(clientAddress("203.0.113.7", "1.2.3.4", none)).toEqual({ ip: "203.0.113.7", forwardedTrusted: false });
    expect(clientAddress("::ffff:203.0.113.7", undefined, none).ip).toBe("203.0.113.7");
  });

  it("with a hop count, takes the address the outermost trusted proxy saw, whatever the client prepended", () => {
    const one = parseTrustedProxies("1");
    expect(clientAddress("10.0.0.2", "198.51.100.9", one)).toEqual({ ip: "198.51.100.9", forwardedTrusted: true });
    // A client writing its own X-Forwarded-For only adds entries to the left: ignored.
    expect(clientAddress("10.0.0.2", "6.6.6.6, 7.7.7.7, 198.51.100.9", one).ip).toBe("198.51.100.9");
    expect(clientAddress("10.0.0.2", "garbage", one).ip).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.3", "198.51.100.9, 10.0.0.2", parseTrustedProxies("2")).ip).toBe("198.51.100.9");
  });

  it("with a list, skips trusted proxies from the right and believes forwarded headers only from one of them", () => {
    const list = parseTrustedProxies("10.0.0.0/8, 192.168.1.10");
    expect(clientAddress("10.1.2.3", "6.6.6.6, 198.51.100.9, 192.168.1.10", list)).toEqual({
      ip: "198.51.100.9",
      forwardedTrusted: true,
    });
    // Straight from the internet: the peer is the client, its headers are not believed.
    expect(clientAddress("198.51.100.20", "1.2.3.4", list)).toEqual({ ip: "198.51.100.20", forwardedTrusted: false });
    expect(() => parseTrustedProxies("proxy.local")).toThrow("TRUSTED_PROXIES");
  });
});
