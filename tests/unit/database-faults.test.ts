import { describe, expect, it } from "vitest";
import { isConnectionLoss, reconnectDelay } from "../../db/client";
import { isDriverSocketFault } from "../../db/resilient";
import { isDatabaseUnavailable } from "../../server/trpc/init";

/** A TypeError whose stack reads as if thrown from `file`. */
function thrownFrom(file: string): TypeError {
  const error = new TypeError("Cannot read properties of null (reading 'write')");
  error.stack = `TypeError: Cannot read properties of null (reading 'write')\n    at Immediate.nextWrite (${file}:255:22)\n    at process.processImmediate (node:internal/timers:485:21)`;
  return error;
}

describe("recognising database faults", () => {
  it("knows the driver's socket fault whether the driver is external or bundled, and nothing else", () => {
    expect(isDriverSocketFault(thrownFrom("file:///srv/maillage/node_modules/postgres/src/connection.js"))).toBe(true);
    expect(isDriverSocketFault(thrownFrom("/srv/maillage/node_modules/postgres/cjs/src/connection.js"))).toBe(true);
    // The production build's chunk name when the driver is bundled (where the crash guard once failed to match).
    expect(
      isDriverSocketFault(
        thrownFrom("/srv/maillage/.next/server/chunks/ssr/node_modules_postgres_src_connection_0b1c2d.js"),
      ),
    ).toBe(true);
    expect(
      isDriverSocketFault(thrownFrom("/srv/maillage/.next/server/chunks/ssr/server_services_alliances_0b1c2d.js")),
    ).toBe(false);
    expect(isDriverSocketFault(thrownFrom("/srv/maillage/node_modules/postgres-array/index.js"))).toBe(false);
    const notTypeError = new Error("boom");
    notTypeError.stack = thrownFrom("/x/node_modules/postgres/src/connection.js").stack;
    expect(isDriverSocketFault(notTypeError)).toBe(false);
  });

  it("calls a lost or refused connection a connection loss, through drizzle's wrapper, and a refused query not", () => {
    const wrapped = (code: string) =>
      Object.assign(new Error("Failed query: select 1"), { cause: Object.assign(new Error(code), { code }) });
    for (const code of [
      "CONNECTION_CLOSED",
      "CONNECTION_ENDED",
      "CONNECT_TIMEOUT",
      "ECONNREFUSED",
      "ECONNRESET",
      "57P01",
      "57P03",
      "08006",
    ]) {
      expect(isConnectionLoss(wrapped(code)), code).toBe(true);
      expect(isDatabaseUnavailable(wrapped(code)), code).toBe(true);
    }
    for (const code of ["23505", "40001", "42501", "40P01", "57014"])
      expect(isConnectionLoss(wrapped(code)), code).toBe(false);
    expect(isConnectionLoss(null)).toBe(false);
    expect(isDatabaseUnavailable(thrownFrom("/a/node_modules/postgres/src/connection.js"))).toBe(true);
  });

  it("reconnects within half a second however many attempts failed (the driver's own delay grows to 20 s)", () => {
    expect(reconnectDelay(0)).toBe(0.05);
    expect(reconnectDelay(2)).toBe(0.2);
    expect(Math.max(...Array.from({ length: 30 }, (_, i) => reconnectDelay(i)))).toBe(0.5);
  });
});
