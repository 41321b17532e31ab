"use client";

/** What the map draws, computed on the server (components/territories/france-map.tsx, `mapLayout`). */
export interface MapView {
  viewBox: string;
  width: number;
  label: string;
  overseasLabel: string;
  spriteUrl: string;
  hatch: { id: string; size: number; background: string; line: string };
  departements: Array<{
    code: string;
    href: string;
    name: string;
    fill: string;
    opacity: number;
    stroke: string;
    width: number;
  }>;
  overseasShown: boolean;
  overseas: Array<{ code: string; href: string; name: string; fill: string; y: number; stroke: string; width: number }>;
}

/**
 * The map's markup, drawn from data. A client component although it has no state: the 96
 * départements then travel as data in React's payload (about 110 bytes each), not as their
 * markup written a second time (about 350 bytes each, 30 kB of the territory page).
 */
export function FranceMapView({ map }: { map: MapView }) {
  const { hatch } = map;
  return (
    <svg
      viewBox={map.viewBox}
      role="group"
      aria-label={map.label}
      className="h-auto w-full max-w-2xl"
      data-testid="france-map"
    >
      <defs>
        <pattern
          id={hatch.id}
          width={hatch.size}
          height={hatch.size}
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect width={hatch.size} height={hatch.size} fill={hatch.background} />
          <line x1="0" y1="0" x2="0" y2={hatch.size} stroke={hatch.line} strokeWidth="2" />
        </pattern>
      </defs>
      {map.departements.map((d) => (
        <a key={d.code} href={d.href} aria-label={d.name} data-code={d.code}>
          <use
            href={`${map.spriteUrl}#d-${d.code}`}
            fill={d.fill}
            opacity={d.opacity}
            stroke={d.stroke}
            strokeWidth={d.width}
          >
            <title>{d.name}</title>
          </use>
        </a>
      ))}
      {map.overseasShown ? (
        <text x={map.width + 8} y={20} fontSize="12" fill="#1e293b">
          {map.overseasLabel}
        </text>
      ) : null}
      {map.overseas.map((d) => (
        <a key={d.code} href={d.href} aria-label={d.name} data-code={d.code}>
          <rect
            x={map.width + 8}
            y={d.y}
            width={70}
            height={36}
            rx={4}
            fill={d.fill}
            stroke={d.stroke}
            strokeWidth={d.width}
          />
          <text x={map.width + 43} y={d.y + 22} fontSize="12" textAnchor="middle" fill="#0f172a">
            {d.code}
          </text>
        </a>
      ))}
    </svg>
  );
}
