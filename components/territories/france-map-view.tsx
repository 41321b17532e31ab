"use client";

import { useSyncExternalStore } from "react";
import { borderOf, CODE_SLOT, FADED_OPACITY } from "./map-style";

/** What the map draws, computed on the server (components/territories/france-map.tsx, `mapLayout`). */
export interface MapView {
  viewBox: string;
  width: number;
  label: string;
  overseasLabel: string;
  spriteUrl: string;
  hatch: { id: string; size: number; background: string; line: string };
  /** A département's link, with CODE_SLOT where its code goes. */
  hrefTemplate: string;
  departements: Array<{ code: string; name: string; fill: string; faded?: true; outlined?: true }>;
  overseasShown: boolean;
  overseas: Array<{ code: string; name: string; fill: string; y: number; outlined?: true }>;
}

const noSubscription = () => () => {};

/**
 * The map, drawn in the browser from data. The server sends what varies by département (name
 * with its figure, colour, and whether it is outlined or faded), about 60 bytes each, and draws
 * an empty box of the map's proportions, so nothing moves when the map appears. The table next to
 * the map gives the same figures and links, for the first paint, without JavaScript, and to
 * screen readers that prefer it. Drawn by the server, the 96 départements' markup was 27 kB of a
 * région's territory page, on top of their data.
 */
export function FranceMapView({ map }: { map: MapView }) {
  const inBrowser = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [, , w, h] = map.viewBox.split(" ").map(Number);
  const box = { aspectRatio: `${w} / ${h}` };
  if (!inBrowser) return <div className="w-full max-w-2xl" style={box} data-testid="france-map-pending" />;
  const { hatch } = map;
  const href = (code: string) => map.hrefTemplate.split(CODE_SLOT).join(code);
  return (
    <svg
      viewBox={map.viewBox}
      role="group"
      aria-label={map.label}
      className="h-auto w-full max-w-2xl"
      style={box}
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
        <a key={d.code} href={href(d.code)} aria-label={d.name} data-code={d.code}>
          <use
            href={`${map.spriteUrl}#d-${d.code}`}
            fill={d.fill}
            opacity={d.faded ? FADED_OPACITY : 1}
            stroke={borderOf(d.outlined).stroke}
            strokeWidth={borderOf(d.outlined).width}
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
        <a key={d.code} href={href(d.code)} aria-label={d.name} data-code={d.code}>
          <rect
            x={map.width + 8}
            y={d.y}
            width={70}
            height={36}
            rx={4}
            fill={d.fill}
            stroke={borderOf(d.outlined).stroke}
            strokeWidth={borderOf(d.outlined).width}
          />
          <text x={map.width + 43} y={d.y + 22} fontSize="12" textAnchor="middle" fill="#0f172a">
            {d.code}
          </text>
        </a>
      ))}
    </svg>
  );
}
