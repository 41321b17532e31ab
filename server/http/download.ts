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

/** A refused procedure as its HTTP status; anything else a bare 500, its detail left to the server log. */
export function refusal(error: unknown): Response {
  const status = error instanceof TRPCError ? (STATUS[error.code] ?? 500) : 500;
  return new Response(status === 500 ? "Error" : (error as TRPCError).code, { status });
}

/** A file as an attachment, never cached. */
export function attachment(name: string, format: DownloadFormat, content: Buffer | string): Response {
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

/**
 * Serves a file built by `build` (which reads through tRPC procedures, so their permission and
 * tenant checks apply) as an attachment, or the refusal of a procedure as its status.
 */
export async function download(
  name: string,
  format: DownloadFormat,
  build: () => Promise<Buffer | string>,
): Promise<Response> {
  try {
    return attachment(name, format, await build());
  } catch (error) {
    return refusal(error);
  }
}
