import { describe, expect, it } from "vitest";
import { readCookie, sessionCookieName } from "../../server/auth/session-cookie";

describe("the session cookie", () => {
  it("is named for the address's scheme", () => {
    expect(sessionCookieName("http://localhost:3000")).toBe("maillage.session-token");
    expect(sessionCookieName("https://maillage.fr")).toBe("__Secure-maillage.session-token");
  });

  it("is read from the Cookie header by its exact name, decoded, and a bad encoding does not throw", () => {
    const headers = new Headers({ cookie: "x-maillage.session-token=no; maillage.session-token=a%20b=c; other=1" });
    expect(readCookie(headers, "maillage.session-token")).toBe("a b=c");
    expect(readCookie(headers, "other")).toBe("1");
    expect(readCookie(headers, "missing")).toBeNull();
    expect(readCookie(new Headers(), "other")).toBeNull();
    expect(readCookie(new Headers({ cookie: "maillage.session-token=%E0%A4%A" }), "maillage.session-token")).toBe(
      "%E0%A4%A",
    );
  });
});
