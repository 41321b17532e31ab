import { observatoryResponse } from "@/server/http/observatory-api";

/**
 * One table of the public observatory, as JSON (default) or CSV (`?format=csv`), for France or
 * `?scope=region&code=84` or `?scope=goal&code=17`; `?download=1` makes it an attachment.
 */
export async function GET(request: Request, { params }: { params: Promise<{ table: string }> }) {
  return observatoryResponse(request, (await params).table);
}
