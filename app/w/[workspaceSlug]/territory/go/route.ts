import { redirect } from "next/navigation";

/** Turns the territory picker's single "level:code" value into the dashboard's URL. */
export async function GET(request: Request, { params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const place = new URL(request.url).searchParams.get("place") ?? "";
  const match = /^(region|departement):(\d{2,3}|2A|2B)$/.exec(place);
  redirect(match ? `/w/${workspaceSlug}/territory?level=${match[1]}&code=${match[2]}` : `/w/${workspaceSlug}/territory`);
}
