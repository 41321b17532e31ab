import { redirect } from "next/navigation";

/** Turns the territory picker's single "level:code" value into the dashboard's URL. */
export async function GET(request: Request, { params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const given = new URL(request.url).searchParams;
  const match = /^(region|departement):(\d{2,3}|2A|2B)$/.exec(given.get("place") ?? "");
  const query = new URLSearchParams();
  if (match) {
    query.set("level", match[1]!);
    query.set("code", match[2]!);
  }
  // The other filters pass through as they are; the page validates them.
  for (const key of ["mode", "sdgGoal", "stage", "year"]) {
    const value = given.get(key);
    if (value) query.set(key, value);
  }
  redirect(`/w/${workspaceSlug}/territory${query.size ? `?${query}` : ""}`);
}
