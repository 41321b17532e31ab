import { MATURITY_AXES } from "@/domain/maturity";

/**
 * A radar of levels 1 to 4 on the five axes, drawn in SVG on the server: the workspace's levels
 * as a filled shape, the peers' medians (when shown) as a dashed outline. The caller gives the
 * text alternative; the same figures are in the history table next to it.
 */
export function MaturityRadar({
  levels,
  peers,
  labels,
  description,
}: {
  levels: Partial<Record<string, number>>;
  peers?: Partial<Record<string, number | null>> | null;
  labels: Record<string, string>;
  description: string;
}) {
  const size = 360;
  const centre = size / 2;
  const radius = 120;
  const axes = MATURITY_AXES;
  const point = (index: number, level: number) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * index) / axes.length;
    const r = (radius * level) / 4;
    return [centre + r * Math.cos(angle), centre + r * Math.sin(angle)] as const;
  };
  const shape = (values: Partial<Record<string, number | null>>) =>
    axes.map((axis, i) => point(i, values[axis] ?? 0).join(",")).join(" ");
  return (
    <svg viewBox={`0 0 ${size} ${size}`} role="img" aria-label={description} className="h-auto w-full max-w-md">
      {[1, 2, 3, 4].map((level) => (
        <polygon
          key={level}
          points={axes.map((_, i) => point(i, level).join(",")).join(" ")}
          fill="none"
          stroke="#cbd5e1"
        />
      ))}
      {axes.map((axis, i) => {
        const [x, y] = point(i, 4);
        const [lx, ly] = point(i, 4.9);
        return (
          <g key={axis}>
            <line x1={centre} y1={centre} x2={x} y2={y} stroke="#cbd5e1" />
            <text x={lx} y={ly} textAnchor="middle" dominantBaseline="middle" fontSize="11" fill="#1e293b">
              {labels[axis]}
            </text>
          </g>
        );
      })}
      {peers ? (
        <polygon points={shape(peers)} fill="none" stroke="#475569" strokeWidth="2" strokeDasharray="6 4" />
      ) : null}
      <polygon points={shape(levels)} fill="#1d4ed8" fillOpacity="0.25" stroke="#1d4ed8" strokeWidth="2" />
    </svg>
  );
}
