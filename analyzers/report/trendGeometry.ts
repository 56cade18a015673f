import { niceRange } from './chartGeometry';

/** Where a trend chart's parts go, for the exported SVG (svgTrendChart) and the app's React SVG alike. */
export interface TrendGeometry {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  /** Value ticks, bottom up: the value and its height. */
  yTicks: { value: number; y: number }[];
  /** The captures' places on the x axis, in their order. */
  xs: number[];
  /** Per line, its points and its path. */
  lines: { points: { x: number; y: number }[]; path: string }[];
}

/** One colour per line, in order (the app's trend charts use the same). */
export const TREND_COLORS = ['#2d5bd7', '#d9480f', '#2f9e44', '#ae3ec9', '#e8a317', '#1098ad'];

const MARGIN = { left: 64, right: 12, top: 8, bottom: 22 };
const n = (v: number) => v.toFixed(1);

/**
 * Captures evenly spaced in their order, values from 0 (or below) up to a round bound: `binary`
 * steps for bytes (KiB, MiB), decimal otherwise.
 */
export function trendGeometry(captures: number, lines: readonly (readonly number[])[], binary: boolean, width = 760, height = 180): TrendGeometry {
  const plot = { left: MARGIN.left, top: MARGIN.top, right: width - MARGIN.right, bottom: height - MARGIN.bottom };
  const all = lines.flat();
  const [lo, hi, step] = niceRange(Math.min(0, ...all), Math.max(1, ...all), binary ? 1024 : 1000);
  const x = (i: number) => plot.left + (captures > 1 ? (i / (captures - 1)) * (plot.right - plot.left) : 0);
  const y = (v: number) => plot.bottom - ((v - lo) / (hi - lo)) * (plot.bottom - plot.top);
  const yTicks: TrendGeometry['yTicks'] = [];
  for (let v = lo; v <= hi + step / 2; v += step) yTicks.push({ value: v, y: y(v) });
  return {
    width,
    height,
    plot,
    yTicks,
    xs: Array.from({ length: captures }, (_, i) => x(i)),
    lines: lines.map((values) => {
      const points = values.map((v, i) => ({ x: x(i), y: y(v) }));
      return { points, path: points.map((p, i) => `${i === 0 ? 'M' : 'L'}${n(p.x)} ${n(p.y)}`).join('') };
    }),
  };
}
