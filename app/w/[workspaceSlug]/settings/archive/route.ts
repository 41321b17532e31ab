import { strToU8, zipSync } from "fflate";
import { download } from "@/server/http/download";
import { serverCaller } from "@/server/trpc/server-caller";

/** Everything the workspace holds, as a ZIP of JSON and CSV files (admins; see workspaces.archive). */
export async function GET(_request: Request, { params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const day = new Date().toISOString().slice(0, 10);
  return download(`maillage-${workspaceSlug}-${day}`, "zip", async () => {
    const files = await (await serverCaller()).workspaces.archive({ workspaceSlug });
    return Buffer.from(zipSync(Object.fromEntries(files.map((f) => [f.name, strToU8(f.content)]))));
  });
}
