import { TRPCError } from "@trpc/server";

const TYPES = {
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
  zip: "application/zip",
  md: "text/markdown; charset=utf-8",
} as const;
export type DownloadFormat = keyof typeof TYPES;

const STATUS: Partial<Record<TRPCError["code"], number>> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
};

/**
 * Serves a file built by `build` (which reads through tRPC procedures, so their permission and
 * tenant checks apply) as an attachment. A refused procedure becomes its HTTP status; anything
 * else a bare 500, its detail left to the server log.
 */
export async function download(
  name: string,
  format: DownloadFormat,
  build: () => Promise<Buffer | string>,
): Promise<Response> {
  let content: Buffer | string;
  try {
    content = await build();
  } catch (error) {
    const status = error instanceof TRPCError ? (STATUS[error.code] ?? 500) : 500;
    return new Response(status === 500 ? "Error" : (error as TRPCError).code, { status });
  }
  const body = typeof content === "string" ? content : new Uint8Array(content);
  return new Response(body as BodyInit, {
    headers: {
      "Content-Type": TYPES[format],
      "Content-Disposition": `attachment; filename="${name}.${format}"`,
      "Content-Length": String(typeof body === "string" ? Buffer.byteLength(body) : body.byteLength),
      "Cache-Control": "private, no-store",
    },
  });
}
