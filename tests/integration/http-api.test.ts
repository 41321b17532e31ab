import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { sql } from "drizzle-orm";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import type { SessionUser } from "../../server/trpc/init";
import { handleTrpcRequest, MAX_BATCH_SIZE } from "../../server/trpc/http";
import { publicProcedure, router } from "../../server/trpc/procedures";
import { testContext } from "../helpers/caller";
import { openTestDatabase } from "../helpers/db";
import { createUser, createWorkspaceWithRoles } from "../factories";

const { db } = await openTestDatabase();
const ORIGIN = "http://localhost:3000";

function post(path: string, input: unknown, headers: Record<string, string> = {}) {
  return new Request(`${ORIGIN}/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: ORIGIN, ...headers },
    body: JSON.stringify(superjson.serialize(input)),
  });
}

function send(req: Request, user: SessionUser | null, locale: "fr" | "en" = "fr") {
  return handleTrpcRequest(req, { createContext: async () => testContext(db, user, { locale }), allowedOrigins: [ORIGIN] });
}

type ErrorBody = { error: { json: { message: string; data: { code: string; requestId: string; fieldErrors?: Record<string, string> } } } };

describe("the tRPC endpoint", () => {
  it("answers validation errors field by field, in the user's language", async () => {
    const user = await createUser(db);
    const input = { name: "", kind: "club", slug: "A B", siren: "123456789" };
    const fr = (await (await send(post("workspaces.create", input), user, "fr")).json()) as ErrorBody;
    expect(fr.error.json.message).toBe("Certains champs sont à corriger.");
    expect(fr.error.json.data.fieldErrors?.siren).toMatch(/SIREN n'est pas valide/);
    expect(fr.error.json.data.fieldErrors?.kind).toMatch(/type d'organisation/);
    expect(Object.keys(fr.error.json.data.fieldErrors ?? {}).sort()).toEqual(["kind", "name", "siren", "slug"]);

    const en = (await (await send(post("workspaces.create", input), user, "en")).json()) as ErrorBody;
    expect(en.error.json.message).toBe("Some fields need correcting.");
    expect(en.error.json.data.fieldErrors?.siren).toMatch(/This SIREN is not valid/);
  });

  it("translates business refusals and says which field they concern", async () => {
    const { workspace, users } = await createWorkspaceWithRoles(db);
    const res = await send(post("members.invite", { workspaceSlug: workspace.slug, email: users.viewer.email, role: "viewer" }), users.owner, "en");
    expect(res.status).toBe(409);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.json.message).toBe("This person is already a member of the workspace.");
    expect(body.error.json.data.fieldErrors).toEqual({ email: "This person is already a member of the workspace." });
  });

  it("refuses a mutation coming from another origin before running it", async () => {
    const user = await createUser(db);
    const res = await send(post("workspaces.create", { name: "Evil", kind: "autre", slug: "evil-corp" }, { origin: "https://evil.example" }), user);
    expect(res.status).toBe(403);
    const mine = await send(new Request(`${ORIGIN}/api/trpc/workspaces.listMine`, { headers: { origin: ORIGIN } }), user);
    expect(JSON.stringify(await mine.json())).not.toContain("evil-corp");
  });

  it("refuses a batch larger than the limit", async () => {
    const user = await createUser(db);
    const paths = Array.from({ length: MAX_BATCH_SIZE + 1 }, () => "workspaces.listMine").join(",");
    const input = encodeURIComponent(JSON.stringify({}));
    const res = await send(new Request(`${ORIGIN}/api/trpc/${paths}?batch=1&input=${input}`), user);
    expect(res.status).toBeGreaterThanOrEqual(400);
    const small = await send(new Request(`${ORIGIN}/api/trpc/workspaces.listMine,workspaces.listMine?batch=1&input=${input}`), user);
    expect(small.status).toBe(200);
  });

  it("never sends a database error's SQL or parameters to the client", async () => {
    // A procedure built on the real base procedure, failing inside the driver with a bound parameter.
    const failing = router({
      boom: publicProcedure.query(async ({ ctx }) => ctx.db.execute(sql`select ${"secret-parameter-value"}::int as n from no_such_table`)),
    });
    const res = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request(`${ORIGIN}/api/trpc/boom`),
      router: failing,
      createContext: async () => testContext(db, null, { locale: "en" }),
    });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/secret-parameter-value|no_such_table|select/i);
    const body = JSON.parse(text) as ErrorBody;
    expect(body.error.json.message).toContain(body.error.json.data.requestId);
    expect(body.error.json.message).toMatch(/^Something unexpected went wrong/);
  });
});
