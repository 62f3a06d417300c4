/**
 * Grouped bar charts with visx (d3 scales and axes as React SVG; why visx and not Chart.js,
 * uPlot or Recharts: docs/ARCHITECTURE.md). One group per label, one bar per series; long or
 * many labels turn to an angle instead of being cut. Accessible: the SVG is an image whose
 * title and description carry every figure, and the same figures follow as a table (WAI
 * "Complex images"); series differ by pattern as well as colour.
 */
import { AxisBottom, AxisLeft } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { Bar } from "@visx/shape";
import type { JSX, RefObject } from "react";
import { useEffect, useId, useRef, useState } from "react";
import { t2 } from "./strings.js";

export interface Series {
  name: string;
  values: number[];
}

export interface BarChartProps {
  title: string;
  labels: string[];
  series: Series[];
  /** Shown on the axis, in the table and tooltips instead of the raw number (e.g. durations). */
  format?: (value: number) => string;
}

const PLOT_HEIGHT = 170;
const LEFT = 56;
const TOP = 10;

/** The figure's width in CSS pixels, so text is drawn at its real size rather than scaled down. */
function useWidth(fallback: number): [RefObject<HTMLElement | null>, number] {
  const ref = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) =>
      setWidth(Math.max(240, Math.floor(entry.contentRect.width))),
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

export function BarChart({ title, labels, series, format = String }: BarChartProps): JSX.Element {
  const id = useId();
  const [ref, WIDTH] = useWidth(560);
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const longest = Math.max(0, ...labels.map((l) => l.length));
  // Labels turn to 40° when they would not fit side by side; the space below grows to hold them.
  const slanted = longest * 7 > (WIDTH - LEFT) / Math.max(1, labels.length);
  const bottom = slanted ? Math.min(130, 16 + longest * 5) : 30;
  const x = scaleBand<string>({ domain: labels, range: [0, WIDTH - LEFT - 8], padding: 0.2 });
  const inner = scaleBand<string>({
    domain: series.map((s) => s.name),
    range: [0, x.bandwidth()],
    padding: 0.08,
  });
  const y = scaleLinear<number>({ domain: [0, max], range: [PLOT_HEIGHT, 0], nice: true });
  // Counts and seconds are whole numbers: no 0.2 ticks.
  const ticks = y.ticks(4).filter(Number.isInteger);
  const summary = labels
    .map((label, i) => `${label}: ${series.map((s) => `${s.name} ${format(s.values[i] ?? 0)}`).join(", ")}`)
    .join("; ");
  return (
    <figure className="chart" data-chart={title} ref={ref}>
      <figcaption>{title}</figcaption>
      {labels.length === 0 ? (
        <p className="muted">{t2.noData}</p>
      ) : (
        <svg
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          viewBox={`0 0 ${WIDTH} ${TOP + PLOT_HEIGHT + bottom}`}
          width={WIDTH}
          height={TOP + PLOT_HEIGHT + bottom}
        >
          <title id={`${id}-title`}>{title}</title>
          <desc id={`${id}-desc`}>{summary}</desc>
          <Group left={LEFT} top={TOP}>
            {labels.map((label, i) => (
              <Group key={label} left={x(label) ?? 0}>
                {series.map((s, j) => {
                  const value = s.values[i] ?? 0;
                  const top = y(value);
                  return (
                    <Bar
                      key={s.name}
                      className={`bar series-${j}`}
                      x={inner(s.name) ?? 0}
                      y={top}
                      width={inner.bandwidth()}
                      height={PLOT_HEIGHT - top}
                    >
                      <title>{`${label}, ${s.name}: ${format(value)}`}</title>
                    </Bar>
                  );
                })}
              </Group>
            ))}
            <AxisLeft
              scale={y}
              tickValues={ticks}
              tickFormat={(v) => format(Number(v))}
              stroke="#4a5263"
              tickStroke="#4a5263"
              tickLabelProps={{ className: "tick", fill: "#1d2230", fontSize: 11 }}
            />
            <AxisBottom
              scale={x}
              top={PLOT_HEIGHT}
              stroke="#4a5263"
              tickStroke="#4a5263"
              tickLabelProps={
                slanted
                  ? {
                      className: "tick",
                      fill: "#1d2230",
                      fontSize: 11,
                      angle: -40,
                      textAnchor: "end",
                      dy: "0.3em",
                    }
                  : { className: "tick", fill: "#1d2230", fontSize: 11, textAnchor: "middle" }
              }
            />
          </Group>
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
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t2.label}</th>
              {series.map((s) => (
                <th key={s.name} scope="col">
                  {s.name}
                </th>
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
