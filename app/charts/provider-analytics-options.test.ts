import { describe, expect, it } from 'vitest';
import { analyticsOption } from './provider-analytics-options';
import { renderChart } from './render.server';

describe('analyticsOption', () => {
  const option = analyticsOption({
    months: ['2026-11', '2026-12'],
    funnel: [
      { name: '询价', values: [3, 1] },
      { name: '报价', values: [2, 0] },
      { name: '订单', values: [1, 0] },
      { name: '确认交付', values: [0, 1] },
    ],
    views: { name: '浏览量', values: [120, 80] },
  });
  const series = Array.isArray(option.series) ? option.series : [option.series];

  it('draws the funnel as bars on the left axis and views as a line on the right one', () => {
    expect(series.map((s) => [s?.type, s?.name, (s as { yAxisIndex: number }).yAxisIndex])).toEqual([
      ['bar', '询价', 0],
      ['bar', '报价', 0],
      ['bar', '订单', 0],
      ['bar', '确认交付', 0],
      ['line', '浏览量', 1],
    ]);
    expect(series[4]).toMatchObject({ data: [120, 80] });
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['2026-11', '2026-12'] });
  });

  it('is plain JSON (it travels to the browser) and renders to SVG on the server', () => {
    expect(JSON.parse(JSON.stringify(option))).toEqual(option);
    const spec = renderChart(option, { width: 720, height: 360, label: '测试' });
    expect(spec.svg).toMatch(/^<svg/);
    expect(spec.svg).toContain('浏览量');
    expect(spec.map).toBe(false);
  });
});
