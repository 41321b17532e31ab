import { env } from "@/env";
import { openApiDocument } from "@/server/api/openapi";

/** The API's OpenAPI 3.1 description (public: it holds no data). */
export function GET() {
  return Response.json(openApiDocument(env().APP_URL), { headers: { "Cache-Control": "public, max-age=300" } });
}
