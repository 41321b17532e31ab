import { observatoryIndex } from "@/server/http/observatory-api";

/** What the public observatory's API offers: its tables, their scopes and columns, the licence. */
export async function GET() {
  return observatoryIndex();
}
