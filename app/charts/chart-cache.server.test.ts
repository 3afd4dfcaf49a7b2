import { describe, expect, it } from 'vitest';
import { cachedChartSvg, chartCacheSize, chartKey, chartRenderCount } from './chart-cache.server';

describe('chart cache', () => {
  it('keys a chart by its option and size, not by object identity', () => {
    const option = { series: [{ type: 'bar', data: [1, 2, 3] }] };
    expect(chartKey(option, 640, 300)).toBe(chartKey(structuredClone(option), 640, 300));
    expect(chartKey(option, 640, 300)).not.toBe(chartKey(option, 640, 301));
    expect(chartKey(option, 640, 300)).not.toBe(
      chartKey({ series: [{ type: 'bar', data: [1, 2, 4] }] }, 640, 300),
    );
    expect(chartKey(option, 640, 300)).toMatch(/^[\w-]{20}$/);
  });

  it('draws a chart once, then answers from memory', () => {
    let draws = 0;
    const draw = () => `<svg>${++draws}</svg>`;
    const before = chartRenderCount();
    expect(cachedChartSvg('once', draw)).toBe('<svg>1</svg>');
    expect(cachedChartSvg('once', draw)).toBe('<svg>1</svg>');
    expect(draws).toBe(1);
    expect(chartRenderCount()).toBe(before + 1);
  });

  it('forgets the least recently used drawings beyond its size, keeping the ones in use', () => {
    const big = (tag: string) => () => `<svg>${tag}${'x'.repeat(4_000_000)}</svg>`;
    cachedChartSvg('big-0', big('0'));
    for (let i = 1; i <= 8; i++) {
      cachedChartSvg(`big-${i}`, big(String(i)));
      cachedChartSvg('big-0', () => 'drawn again'); // used all the time: stays
    }
    expect(chartCacheSize().chars).toBeLessThanOrEqual(24 * 1024 * 1024);
    expect(cachedChartSvg('big-0', () => 'drawn again')).not.toBe('drawn again');
    let redrawn = false;
    cachedChartSvg('big-1', () => {
      redrawn = true;
      return '<svg/>';
    });
    expect(redrawn).toBe(true);
  });
});
