import { describe, expect, it } from 'vitest';
import { geometry, MAX_LINES, shownSeries } from './chart-geometry';

const box = { width: 600, height: 224, top: 16, right: 12, bottom: 22, left: 64 };
const times = [0, 60_000, 120_000, 180_000];

describe('usage chart geometry', () => {
  it('gives the largest series their own line and counts every series in the total', () => {
    const series = Array.from({ length: MAX_LINES + 3 }, (_, i) => ({ name: `p${i}`, cpu: times.map(() => i), memory: times.map(() => null) }));
    const shown = shownSeries(series, 'cpu');
    expect(shown.map((s) => s.name)).toEqual(['p10', 'p9', 'p8', 'p7', 'p6', 'p5', 'p4', 'p3']);
    const g = geometry(times, series, 'cpu', [], box);
    expect(g.lines).toHaveLength(MAX_LINES);
    expect(g.totals).toEqual(times.map(() => 55));
    expect(g.total?.name).toBe('Total');
    // memory: no samples at all, so no total either
    expect(geometry(times, series, 'memory', [], box).totals).toEqual([null, null, null, null]);
  });

  it('scales time across the plot and values from zero to above the highest line or reference', () => {
    const g = geometry(times, [{ name: 'a', cpu: [0.1, 0.2, 0.3, 0.4], memory: [] }], 'cpu', [0.5], box);
    expect(g.x(0)).toBe(box.left);
    expect(g.x(180_000)).toBe(box.width - box.right);
    expect(g.y(0)).toBe(box.height - box.bottom);
    expect(g.yTicks[0]).toBe(0);
    expect(g.yTicks.at(-1)).toBeGreaterThanOrEqual(0.5);
    expect(g.y(0.5)).toBeGreaterThanOrEqual(box.top);
    expect(g.xTicks.length).toBeGreaterThanOrEqual(2);
    expect(g.total).toBeUndefined();
    expect(g.indexAt(box.left - 50)).toBe(0);
    expect(g.indexAt(g.x(120_000) + 3)).toBe(2);
    expect(g.indexAt(10_000)).toBe(3);
  });

  it('breaks lines at gaps and shows lone points as dots', () => {
    const g = geometry(times, [{ name: 'a', cpu: [0.1, null, 0.3, 0.4], memory: [] }], 'cpu', [], box);
    const [l] = g.lines;
    expect(l.d.match(/M/g)).toHaveLength(2);
    expect(l.dots).toEqual([{ x: g.x(0), y: g.y(0.1) }]);
    const one = geometry([60_000], [{ name: 'a', cpu: [0.2], memory: [] }], 'cpu', [], box);
    expect(one.lines[0].dots).toHaveLength(1);
    expect(one.x(60_000)).toBe(box.width - box.right);
  });
});
