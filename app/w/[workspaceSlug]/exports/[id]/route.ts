import { attachment, refusal } from "@/server/http/download";
import { serverCaller } from "@/server/trpc/server-caller";

/**
 * Downloads an export its job built (the asking person's own, once done), from any instance:
 * the file is in the database. Same procedure, permission and tenant checks as following it.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ workspaceSlug: string; id: string }> }) {
  const { workspaceSlug, id } = await params;
  try {
    const file = await (await serverCaller()).exports.file({ workspaceSlug, id });
    return attachment(file.fileName.replace(/\.(csv|xlsx)$/, ""), file.format, Buffer.from(file.content, "base64"));
  } catch (error) {
    return refusal(error);
  }
}
