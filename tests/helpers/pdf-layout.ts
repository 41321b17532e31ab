import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

/** One run of text on a page, in PDF points from the page's bottom-left corner. */
export interface TextBox {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve("pdfjs-dist/package.json"));

async function pdfjs() {
  return import("pdfjs-dist/legacy/build/pdf.mjs");
}

async function open(pdf: Buffer) {
  const { getDocument } = await pdfjs();
  return getDocument({
    data: new Uint8Array(pdf),
    standardFontDataUrl: `${path.join(pdfjsRoot, "standard_fonts")}/`,
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
}

/** The text runs of every page, as pdf.js places them (what a reader sees, not the file's order). */
export async function pdfPages(pdf: Buffer): Promise<TextBox[][]> {
  const document = await open(pdf);
  const pages: TextBox[][] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const page = await document.getPage(n);
    const content = await page.getTextContent();
    const boxes: TextBox[] = [];
    for (const item of content.items) {
      if (!("str" in item) || item.str.trim() === "") continue;
      boxes.push({
        text: item.str,
        x: item.transform[4],
        y: item.transform[5],
        width: item.width,
        height: item.height,
      });
    }
    pages.push(boxes);
  }
  await document.destroy();
  return pages;
}

/** Pairs of runs on one page whose boxes overlap by more than `tolerance` points both ways. */
export function overlaps(boxes: TextBox[], tolerance = 0.5): Array<[TextBox, TextBox]> {
  const found: Array<[TextBox, TextBox]> = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const wide = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const high = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (wide > tolerance && high > tolerance) found.push([a, b]);
    }
  }
  return found;
}

/** Renders one page to a PNG file (pdf.js on @napi-rs/canvas), for a person to look at. */
export async function renderPage(pdf: Buffer, pageNumber: number, file: string, scale = 1.5): Promise<void> {
  const { createCanvas } = await import("@napi-rs/canvas");
  const document = await open(pdf);
  const page = await document.getPage(pageNumber);
  const viewport = page.getViewport({ scale });
  const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  const context = canvas.getContext("2d");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, await canvas.encode("png"));
  await document.destroy();
}
