import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { afterAll, describe, expect, it } from "vitest";
import { requestSpan, startTracing, stopTracing } from "../../server/tracing";
import { callerFor } from "../helpers/caller";
import { openTestDatabase } from "../helpers/db";
import { allianceInput, createWorkspaceWithRoles } from "../factories";

// Started before the database opens: the client is wrapped only when tracing is on.
const exporter = new InMemorySpanExporter();
await startTracing({ instance: "test-tracing", exporter });
const { db } = await openTestDatabase();
afterAll(() => stopTracing());

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe("tracing a request from its route to its statements (OpenTelemetry)", () => {
  it("nests the procedure's span in the request's, and each statement's in the procedure's", async () => {
    const f = await createWorkspaceWithRoles(db);
    const owner = callerFor(db, f.users.owner);
    await owner.alliances.create({ workspaceSlug: f.workspace.slug, ...allianceInput({ title: "Tracée" }) });
    exporter.reset();

    const request = requestSpan("GET", `/w/${f.workspace.slug}/alliances?stage=mise_en_oeuvre`);
    const page = await request.run(() => owner.alliances.page({ workspaceSlug: f.workspace.slug }));
    request.span.end();
    expect(page.items.map((i) => i.title)).toContain("Tracée");

    const spans = exporter.getFinishedSpans();
    const root = spans.find((s) => s.name === `GET /w/${f.workspace.slug}/alliances`)!;
    const procedure = spans.find((s) => s.name === "trpc alliances.page")!;
    expect(root).toBeDefined();
    expect(procedure).toBeDefined();
    expect(parentOf(procedure)).toBe(root.spanContext().spanId);
    expect(procedure.attributes).toMatchObject({ "rpc.system": "trpc", "rpc.method": "alliances.page" });

    // Every statement of the call is a span of the same trace, under the procedure.
    const statements = spans.filter((s) => s.name.startsWith("db "));
    // At least the transaction's scope (set_config) and the page's read of the alliances.
    expect(statements.length).toBeGreaterThanOrEqual(2);
    expect(statements.some((s) => String(s.attributes["db.query.text"]).includes("set_config('role'"))).toBe(true);
    const ids = new Set(spans.map((s) => s.spanContext().spanId));
    for (const s of statements) {
      expect(s.spanContext().traceId).toBe(root.spanContext().traceId);
      expect(ids.has(parentOf(s)!)).toBe(true);
    }
    const underProcedure = (s: ReadableSpan): boolean =>
      parentOf(s) === procedure.spanContext().spanId ||
      spans.some((p) => p.spanContext().spanId === parentOf(s) && underProcedure(p));
    expect(statements.every(underProcedure)).toBe(true);
    const read = statements.find((s) => String(s.attributes["db.query.text"]).includes('from "alliances"'));
    expect(read?.name).toBe("db select");
    expect(read?.resource.attributes).toMatchObject({ "service.instance.id": "test-tracing" });

    // The statements' text is recorded, never their parameters: no workspace id in any span.
    for (const s of spans) expect(JSON.stringify(s.attributes)).not.toContain(f.workspace.id);
  });

  it("marks a refused procedure with its code, and a failed statement as an error", async () => {
    const f = await createWorkspaceWithRoles(db);
    const stranger = callerFor(db, (await createWorkspaceWithRoles(db)).users.owner);
    exporter.reset();
    await stranger.alliances.page({ workspaceSlug: f.workspace.slug }).catch(() => null);
    const refused = exporter.getFinishedSpans().find((s) => s.name === "trpc alliances.page");
    expect(refused?.attributes["trpc.error_code"]).toBe("NOT_FOUND");

    exporter.reset();
    await db.execute("select * from no_such_table").catch(() => null);
    const failed = exporter.getFinishedSpans().find((s) => s.name === "db select");
    expect(failed?.status.code).toBe(2); // SpanStatusCode.ERROR
  });
});
