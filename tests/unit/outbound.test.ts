import { describe, expect, it } from "vitest";
import { checkedTarget, isPublicAddress } from "../../server/http/outbound";

describe("which addresses the server may call on a user's behalf", () => {
  it("allows public addresses and refuses loopback, private, link-local, CGNAT, multicast, unspecified and mapped ones", () => {
    for (const ok of ["8.8.8.8", "1.1.1.1", "193.51.0.1", "2001:4860:4860::8888", "2a01:e0a::1"])
      expect(isPublicAddress(ok), ok).toBe(true);
    for (const bad of [
      "127.0.0.1",
      "127.255.0.9",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "100.127.255.254",
      "0.0.0.0",
      "224.0.0.1",
      "255.255.255.255",
      "::",
      "::1",
      "::ffff:127.0.0.1",
      "::ffff:8.8.8.8",
      "fe80::1",
      "fd12:3456::1",
      "ff02::1",
      "64:ff9b::7f00:1",
      "2002:7f00:1::",
      "not an address",
    ])
      expect(isPublicAddress(bad), bad).toBe(false);
  });

  it("checks every address a name resolves to, and https only", async () => {
    const resolve = (answers: string[]) => async () =>
      answers.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
    await expect(
      checkedTarget(new URL("https://a.example/x"), { resolve: resolve(["93.184.216.34"]) }),
    ).resolves.toMatchObject({ address: "93.184.216.34", family: 4 });
    await expect(
      checkedTarget(new URL("https://a.example/x"), { resolve: resolve(["93.184.216.34", "10.0.0.1"]) }),
    ).rejects.toThrow("10.0.0.1");
    await expect(checkedTarget(new URL("https://a.example/x"), { resolve: resolve([]) })).rejects.toThrow(
      "does not resolve",
    );
    await expect(checkedTarget(new URL("http://a.example/x"), { resolve: resolve(["93.184.216.34"]) })).rejects.toThrow(
      "https",
    );
    await expect(checkedTarget(new URL("http://127.0.0.1:9/x"), { allowLocalHttp: true })).resolves.toMatchObject({
      local: true,
    });
    await expect(checkedTarget(new URL("http://10.0.0.1/x"), { allowLocalHttp: true })).rejects.toThrow("https");
    await expect(checkedTarget(new URL("ftp://a.example/x"))).rejects.toThrow("not allowed");
  });
});
