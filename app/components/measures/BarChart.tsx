/**
 * Server-rendered SVG bar chart. The SVG is a picture (role="img" with a label
 * saying the table holds the same data); the table beside it is the accessible path.
 */
export interface Series {
  label: string;
  colour: string;
  values: number[];
}

export function BarChart({ title, labels, series, label }: { title: string; labels: string[]; series: Series[]; label: string }) {
  const barH = 18;
  const gap = 10;
  const labelW = 190;
  const chartW = 320;
  const groupH = series.length * barH + gap;
  const height = labels.length * groupH + 10;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  return (
    <figure className="bar-chart">
      <svg role="img" aria-label={label} viewBox={`0 0 ${labelW + chartW + 40} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
        <title>{title}</title>
        {labels.map((l, i) => (
          <g key={l} transform={`translate(0, ${i * groupH + 5})`}>
            <text x={labelW - 8} y={(series.length * barH) / 2 + 5} textAnchor="end" fontSize="13" fill="#1b1b1b">
              {l.length > 28 ? `${l.slice(0, 27)}…` : l}
            </text>
            {series.map((s, j) => {
              const w = (s.values[i] / max) * chartW;
              return (
                <g key={s.label}>
                  <rect x={labelW} y={j * barH} width={Math.max(w, s.values[i] ? 2 : 0)} height={barH - 3} fill={s.colour} />
                  <text x={labelW + w + 5} y={j * barH + barH - 6} fontSize="12" fill="#1b1b1b">
                    {s.values[i]}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
      {series.length > 1 ? (
        <figcaption className="chart-legend">
          {series.map((s) => (
            <span key={s.label}>
              <span className="swatch" style={{ background: s.colour }} aria-hidden="true" /> {s.label}
            </span>
          ))}
        </figcaption>
      ) : null}
    </figure>
  );
}
