/**
 * Bar charts drawn as SVG by hand (no chart library): grouped bars, one
 * group per label, one bar per series. Accessible: the SVG is an image with a
 * title and a description of its figures, and the same figures follow as a
 * table (WAI "Complex images": a text alternative that carries the data).
 */
import type { JSX } from "react";
import { useId } from "react";
import { t2 } from "./strings.js";

export interface Series {
  name: string;
  values: number[];
}

export interface BarChartProps {
  title: string;
  labels: string[];
  series: Series[];
  /** Shown in the table and tooltips instead of the raw number (e.g. durations). */
  format?: (value: number) => string;
}

const WIDTH = 560;
const HEIGHT = 180;
const AXIS = 24;

export function BarChart({ title, labels, series, format = String }: BarChartProps): JSX.Element {
  const id = useId();
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const groupWidth = (WIDTH - AXIS) / Math.max(1, labels.length);
  const barWidth = Math.max(2, (groupWidth * 0.8) / Math.max(1, series.length));
  const summary = labels
    .map((label, i) => `${label}: ${series.map((s) => `${s.name} ${format(s.values[i] ?? 0)}`).join(", ")}`)
    .join("; ");
  return (
    <figure className="chart" data-chart={title}>
      <figcaption>{title}</figcaption>
      {labels.length === 0 ? (
        <p className="muted">{t2.noData}</p>
      ) : (
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT + AXIS}`}
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          width="100%"
        >
          <title id={`${id}-title`}>{title}</title>
          <desc id={`${id}-desc`}>{summary}</desc>
          <line x1={AXIS} y1={HEIGHT} x2={WIDTH} y2={HEIGHT} className="axis" />
          <text x={0} y={12} className="tick">
            {format(max)}
          </text>
          {labels.map((label, i) => (
            <g key={label} transform={`translate(${AXIS + i * groupWidth + groupWidth * 0.1},0)`}>
              {series.map((s, j) => {
                const value = s.values[i] ?? 0;
                const h = (value / max) * (HEIGHT - 16);
                return (
                  <rect
                    key={s.name}
                    className={`bar series-${j}`}
                    x={j * barWidth}
                    y={HEIGHT - h}
                    width={barWidth - 1}
                    height={h}
                  >
                    <title>{`${label}, ${s.name}: ${format(value)}`}</title>
                  </rect>
                );
              })}
              {labels.length <= 16 && (
                <text x={0} y={HEIGHT + 16} className="tick">
                  {label.length > 12 ? `${label.slice(0, 11)}…` : label}
                </text>
              )}
            </g>
          ))}
        </svg>
      )}
      {series.length > 1 && (
        <p className="legend">
          {series.map((s, j) => (
            <span key={s.name} className={`key series-${j}`}>
              {s.name}
            </span>
          ))}
        </p>
      )}
      <details>
        <summary>{t2.chartTable}</summary>
        <table>
          <thead>
            <tr>
              <th />
              {series.map((s) => (
                <th key={s.name}>{s.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((label, i) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {series.map((s) => (
                  <td key={s.name} className="num">
                    {format(s.values[i] ?? 0)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
