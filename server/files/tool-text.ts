import type { BodyBlock } from "../../domain/toolbox";

/** A tool as a plain-text (Markdown) file to keep, fill in or print: title, summary, purpose and content. */
export function toolMarkdown(tool: { title: string; summary: string; helps: string; blocks: BodyBlock[] }): string {
  const lines = [`# ${tool.title}`, "", tool.summary, ""];
  if (tool.helps) lines.push(`> ${tool.helps}`, "");
  for (const block of tool.blocks) {
    if (block.kind === "heading") lines.push(`## ${block.text}`, "");
    else if (block.kind === "paragraph") lines.push(block.text, "");
    else if (block.kind === "points") lines.push(...block.items.map((i) => `- ${i}`), "");
    else lines.push(...block.items.map((i) => `- [ ] ${i}`), "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
