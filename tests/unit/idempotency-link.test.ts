import { createTRPCClient, TRPCClientError, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import { describe, expect, it } from "vitest";
import { idempotencyLink } from "../../components/providers/idempotency-link";
import type { AppRouter } from "../../server/trpc/root";

type Answer = "ok" | "network" | 503 | 409;

/** A terminating link that records the key each operation carried and answers as scripted. */
function scripted(answers: Answer[], keys: Array<string | undefined>): TRPCLink<AppRouter> {
  return () =>
    ({ op }) =>
      observable((observer) => {
        keys.push(op.context.idempotencyKey as string | undefined);
        const answer = answers.shift() ?? "ok";
        if (answer === "ok") {
          observer.next({ result: { type: "data", data: { id: "entry" } } } as never);
          observer.complete();
        } else if (answer === "network") {
          observer.error(TRPCClientError.from(new TypeError("Failed to fetch")));
        } else {
          observer.error(
            TRPCClientError.from({
              error: {
                message: "refused",
                code: -32603,
                data: { httpStatus: answer, code: answer === 503 ? "SERVICE_UNAVAILABLE" : "CONFLICT" },
              },
            } as never),
          );
        }
      });
}

function client(answers: Answer[]) {
  const keys: Array<string | undefined> = [];
  const trpc = createTRPCClient<AppRouter>({ links: [idempotencyLink(), scripted(answers, keys)] });
  const input = {
    workspaceSlug: "ws",
    allianceId: "00000000-0000-4000-8000-000000000000",
    kind: "note" as const,
    title: "Note",
    occurredOn: "2026-12-04",
  };
  const send = (title = "Note") =>
    trpc.alliances.addTimelineEntry.mutate({ ...input, title }).then(
      () => "ok",
      () => "failed",
    );
  return { keys, send, trpc };
}

describe("the forms' idempotency keys", () => {
  it("send the same key again after no answer (network error, 503), and a new one after an answer", async () => {
    const { keys, send } = await client(["network", 503, "ok", "ok"]);
    expect(await send()).toBe("failed");
    expect(await send()).toBe("failed");
    expect(await send()).toBe("ok");
    expect(await send()).toBe("ok");
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).toBe(keys[0]);
    expect(keys[3]).not.toBe(keys[0]);
  });

  it("forget the key after a refusal, and give other values their own key", async () => {
    const { keys, send } = await client(["network", 409, "ok"]);
    await send("Première");
    await send("Autre");
    await send("Première");
    expect(keys[1]).not.toBe(keys[0]);
    expect(keys[2]).toBe(keys[0]);
  });

  it("leave queries without a key", async () => {
    const { keys, trpc } = await client(["ok"]);
    await trpc.workspaces.listMine.query().catch(() => undefined);
    expect(keys).toEqual([undefined]);
  });
});
