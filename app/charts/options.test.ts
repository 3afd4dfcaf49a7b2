import { describe, expect, it } from 'vitest';
import {
  barChartHeight,
  barOption,
  monthlyLineOption,
  prefectureMapOption,
  shortPrefectureLabel,
  usesSichuanMap,
} from './options';
import { renderChart } from './render.server';

const seriesOf = (option: ReturnType<typeof barOption>) =>
  Array.isArray(option.series) ? option.series : [option.series];

describe('barOption', () => {
  const option = barOption({
    items: [
      { label: '电子信息', value: 12 },
      { label: '其他', value: 0 },
    ],
    seriesName: '新增上云企业',
  });

  it('lists the categories in the given order, first on top, with their values as labels', () => {
    expect(option.yAxis).toMatchObject({ type: 'category', inverse: true, data: ['电子信息', '其他'] });
    expect(seriesOf(option)[0]).toMatchObject({
      type: 'bar',
      name: '新增上云企业',
      data: [12, 0],
      label: { show: true },
    });
  });

  it('is plain JSON (it travels to the browser) and not animated (it is rendered once on the server)', () => {
    expect(JSON.parse(JSON.stringify(option))).toEqual(option);
    expect(option.animation).toBe(false);
  });

  it('grows with the number of bars', () => {
    expect(barChartHeight(7)).toBeGreaterThan(barChartHeight(3));
  });
});

describe('prefectureMapOption', () => {
  const items = [
    { mapName: '成都市', label: 'Chengdu', value: 100 },
    { mapName: '阿坝藏族羌族自治州', label: 'Aba', value: 0 },
  ];
  const option = prefectureMapOption({ items, seriesName: 'New', highLabel: 'More', lowLabel: 'Fewer' });
  const series = seriesOf(option)[0] as Record<string, any>;

  it('draws the registered Sichuan map and renames its regions into the reader’s language', () => {
    expect(series.type).toBe('map');
    expect(series.map).toBe('sichuan');
    expect(series.nameMap).toEqual({ 成都市: 'Chengdu', 阿坝藏族羌族自治州: 'Aba' });
    expect(series.data.map((d: { name: string; value: number }) => [d.name, d.value])).toEqual([
      ['Chengdu', 100],
      ['Aba', 0],
    ]);
    expect(usesSichuanMap(option)).toBe(true);
  });

  it('scales the colours from 0 to the largest count (at least 1, so an empty map still renders)', () => {
    expect(option.visualMap).toMatchObject({ type: 'continuous', min: 0, max: 100 });
    const empty = prefectureMapOption({
      items: items.map((i) => ({ ...i, value: 0 })),
      seriesName: 'New',
      highLabel: 'More',
      lowLabel: 'Fewer',
    });
    expect(empty.visualMap).toMatchObject({ max: 1 });
  });

  it('labels dark regions in white', () => {
    expect(series.data[0].label.color).toBe('#ffffff');
    expect(series.data[1].label.color).not.toBe('#ffffff');
  });
});

describe('shortPrefectureLabel', () => {
  it('shortens Chinese names and leaves English ones', () => {
    expect(shortPrefectureLabel('成都市')).toBe('成都');
    expect(shortPrefectureLabel('阿坝藏族羌族自治州')).toBe('阿坝州');
    expect(shortPrefectureLabel('Chengdu')).toBe('Chengdu');
  });
});

describe('monthlyLineOption', () => {
  it('draws the counted line up to the last elapsed month and the target path over the whole campaign', () => {
    const option = monthlyLineOption({
      months: ['2020-01', '2020-02', '2020-03'],
      cumulative: [1, 3, null],
      target: [10, 20, 30],
      countedName: '累计新增',
      targetName: '直线目标',
    });
    const [counted, target] = seriesOf(option) as Record<string, any>[];
    expect(option.xAxis).toMatchObject({ data: ['2020-01', '2020-02', '2020-03'] });
    expect(counted).toMatchObject({ type: 'line', name: '累计新增', data: [1, 3, null] });
    expect(target).toMatchObject({
      type: 'line',
      name: '直线目标',
      data: [10, 20, 30],
      lineStyle: { type: 'dashed' },
    });
    expect(usesSichuanMap(option)).toBe(false);
  });
});

describe('server rendering', () => {
  it('renders a bar chart to an SVG string with its labels', () => {
    const spec = renderChart(barOption({ items: [{ label: '电子信息', value: 12 }], seriesName: 'n' }), {
      width: 400,
      height: 200,
      label: 'alt',
    });
    expect(spec.svg.startsWith('<svg')).toBe(true);
    expect(spec.svg).toContain('电子信息');
    expect(spec).toMatchObject({ width: 400, height: 200, map: false, label: 'alt' });
  });

  it('renders the map with the Sichuan outlines registered on the server', () => {
    const items = [{ mapName: '成都市', label: '成都市', value: 5 }];
    const spec = renderChart(
      prefectureMapOption({ items, seriesName: 'n', highLabel: '多', lowLabel: '少' }),
      { width: 640, height: 520, label: 'alt' },
    );
    expect(spec.map).toBe(true);
    expect(spec.svg).toContain('<path');
    expect(spec.svg).toContain('成都');
    expect(spec.svg.length).toBeLessThan(200_000);
  });

  it('writes well-formed attributes, so the SVG also loads as an image (the public charts do)', () => {
    // Every start tag: a name, then name="value" pairs whose values hold no double quote (an
    // unescaped one inside a style attribute made the file unreadable as image/svg+xml).
    const startTag = /<([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*\/?>/y;
    const charts = [
      renderChart(barOption({ items: [{ label: '电子信息', value: 12 }], seriesName: 'n' }), {
        width: 400,
        height: 200,
        label: 'alt',
      }),
      renderChart(
        prefectureMapOption({
          items: [{ mapName: '成都市', label: '成都市', value: 5 }],
          seriesName: 'n',
          highLabel: '多',
          lowLabel: '少',
        }),
        { width: 640, height: 520, label: 'alt' },
      ),
      renderChart(
        monthlyLineOption({
          months: ['2021-01', '2021-02'],
          cumulative: [1, 3],
          target: [10, 20],
          countedName: '累计新增',
          targetName: '直线目标',
        }),
        { width: 640, height: 340, label: 'alt' },
      ),
    ];
    for (const { svg } of charts) {
      for (const match of svg.matchAll(/<(?![/!?])/g)) {
        startTag.lastIndex = match.index;
        expect(startTag.exec(svg)?.[0], svg.slice(match.index, match.index + 120)).toBeDefined();
      }
      expect(svg).toContain("font-family:'PingFang SC'");
    }
  });
});
