/**
 * A small line chart drawn on the server (no chart library in the browser bundle): the results
 * per period, with the baseline and the target as labelled dashed lines. The numbers are also
 * in the table the page shows next to it, so the chart is one more view, not the only one.
 */
export function IndicatorChart({
  label,
  points,
  baseline,
  target,
  baselineLabel,
  targetLabel,
}: {
  label: string;
  points: Array<{ period: string; value: number }>;
  baseline: number | null;
  target: number | null;
  baselineLabel: string;
  targetLabel: string;
}) {
  const width = 520;
  const height = 200;
  const pad = { left: 48, right: 64, top: 12, bottom: 28 };
  const values = [
    ...points.map((p) => p.value),
    ...(baseline !== null ? [baseline] : []),
    ...(target !== null ? [target] : []),
  ];
  if (values.length === 0) return null;
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (min === max) {
    min -= 1;
    max += 1;
  }
  const y = (v: number) => pad.top + (1 - (v - min) / (max - min)) * (height - pad.top - pad.bottom);
  const step = points.length > 1 ? (width - pad.left - pad.right) / (points.length - 1) : 0;
  const x = (i: number) => pad.left + (points.length > 1 ? i * step : (width - pad.left - pad.right) / 2);
  const fmt = (v: number) => (Math.abs(v) >= 1000 ? `${Math.round(v / 100) / 10}k` : String(Math.round(v * 100) / 100));
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      className="h-auto w-full max-w-xl"
      data-testid="indicator-chart"
    >
      <line x1={pad.left} x2={pad.left} y1={pad.top} y2={height - pad.bottom} stroke="#475569" />
      <line x1={pad.left} x2={width - pad.right} y1={height - pad.bottom} y2={height - pad.bottom} stroke="#475569" />
      <text x={pad.left - 6} y={y(max) + 4} textAnchor="end" fontSize="11" fill="#1e293b">
        {fmt(max)}
      </text>
      <text x={pad.left - 6} y={y(min) + 4} textAnchor="end" fontSize="11" fill="#1e293b">
        {fmt(min)}
      </text>
      {baseline !== null ? (
        <g>
          <line
            x1={pad.left}
            x2={width - pad.right}
            y1={y(baseline)}
            y2={y(baseline)}
            stroke="#475569"
            strokeDasharray="4 4"
          />
          <text x={width - pad.right + 4} y={y(baseline) + 4} fontSize="11" fill="#1e293b">
            {baselineLabel}
          </text>
        </g>
      ) : null}
      {target !== null ? (
        <g>
          <line
            x1={pad.left}
            x2={width - pad.right}
            y1={y(target)}
            y2={y(target)}
            stroke="#15803d"
            strokeDasharray="8 4"
            strokeWidth="2"
          />
          <text x={width - pad.right + 4} y={y(target) + 4} fontSize="11" fill="#14532d">
            {targetLabel}
          </text>
        </g>
      ) : null}
      {points.length > 1 ? (
        <polyline
          points={points.map((p, i) => `${x(i)},${y(p.value)}`).join(" ")}
          fill="none"
          stroke="#1d4ed8"
          strokeWidth="2.5"
        />
      ) : null}
      {points.map((p, i) => (
        <g key={`${p.period}-${i}`}>
          <circle cx={x(i)} cy={y(p.value)} r="4" fill="#1d4ed8" />
          <text x={x(i)} y={height - pad.bottom + 16} textAnchor="middle" fontSize="11" fill="#1e293b">
            {p.period}
          </text>
        </g>
      ))}
    </svg>
  );
}
