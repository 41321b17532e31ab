import "server-only";
import { TRPCError } from "@trpc/server";
import { headers } from "next/headers";
import { OBSERVATORY_TABLES, OPEN_DATA_LICENCE } from "../../domain/observatory";
import { env } from "../../env";
import { localeFromHeaders } from "../../messages/locales";
import { observatoryCsv, observatoryJson } from "../files/observatory-data";
import { createRequestContext } from "../runtime";
import { createCaller } from "../trpc/root";
import { describeError } from "../trpc/init";
import { requestIdFrom } from "./request-id";

/** Figures change when the job recomputes them (hourly by default): caches may keep them five minutes. */
const CACHE = "public, max-age=300, stale-while-revalidate=600";

/** A caller without a session: the observatory is public, so no cookie is read. */
async function publicCaller() {
  return createCaller(await createRequestContext(await headers(), null));
}

function common(extra: Record<string, string> = {}) {
  return {
    "Access-Control-Allow-Origin": "*",
    "X-Content-Type-Options": "nosniff",
    Link: `<${OPEN_DATA_LICENCE.url}>; rel="license"`,
    ...extra,
  };
}

/** A refused request as JSON with a message a person reads, in the language the request asks for. */
function refusal(request: Request, error: unknown) {
  if (!(error instanceof TRPCError)) throw error;
  const status = error.code === "NOT_FOUND" ? 404 : error.code === "INTERNAL_SERVER_ERROR" ? 500 : 400;
  const described = describeError(error, localeFromHeaders(request.headers), requestIdFrom(request.headers));
  return Response.json(
    { error: { code: error.code, message: described.message, fields: described.fieldErrors } },
    { status, headers: common({ "Cache-Control": "no-store" }) },
  );
}

/** One table, JSON or CSV, with caching headers and a strong validator from the figures' date. */
export async function observatoryResponse(request: Request, table: string) {
  const url = new URL(request.url);
  const format = url.searchParams.get("format") === "csv" ? "csv" : "json";
  const input = {
    table,
    scope: url.searchParams.get("scope") ?? "france",
    code: url.searchParams.get("code") ?? undefined,
  };
  let data;
  try {
    data = await (await publicCaller()).observatory.table(input as never);
  } catch (error) {
    return refusal(request, error);
  }
  const etag = `"${data.refreshedAt?.getTime() ?? 0}-${data.table}-${data.scope}-${data.code}-${format}"`;
  const validators: Record<string, string> = { ETag: etag, "Cache-Control": CACHE };
  if (data.refreshedAt) validators["Last-Modified"] = data.refreshedAt.toUTCString();
  if (request.headers.get("if-none-match") === etag)
    return new Response(null, { status: 304, headers: common(validators) });
  const name = `maillage-observatoire-${data.table}${data.code ? `-${data.scope}-${data.code}` : ""}.${format}`;
  const disposition: Record<string, string> = url.searchParams.get("download")
    ? { "Content-Disposition": `attachment; filename="${name}"` }
    : {};
  if (format === "csv")
    return new Response(observatoryCsv(data), {
      headers: common({ "Content-Type": "text/csv; charset=utf-8", ...validators, ...disposition }),
    });
  return Response.json(observatoryJson(data, `${env().APP_URL}/observatoire/donnees`), {
    headers: common({ ...validators, ...disposition }),
  });
}

/** The API's index: every table with its scopes, columns and address. */
export async function observatoryIndex() {
  const base = `${env().APP_URL}/api/observatoire`;
  return Response.json(
    {
      source: "Maillage, observatoire des alliances",
      licence: OPEN_DATA_LICENCE,
      dictionary: `${env().APP_URL}/observatoire/donnees`,
      tables: Object.entries(OBSERVATORY_TABLES).map(([name, spec]) => ({
        name,
        scopes: spec.scopes,
        columns: ["key", ...(name === "region" || name === "departement" ? ["name"] : []), ...spec.columns],
        json: `${base}/${name}`,
        csv: `${base}/${name}?format=csv`,
      })),
    },
    { headers: common({ "Cache-Control": CACHE }) },
  );
}
