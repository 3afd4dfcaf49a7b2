import { describe, expect, it } from 'vitest';
import { highlight, markRanges } from './highlight';
import { pinyinTokens } from './pinyin';
import { planQuery, type Vocabulary } from './query';
import { fineWords, segmentForIndex, segmentQuery, unigramText } from './segment';
import { withinOneEdit } from './typo';

describe('segmentation', () => {
  it('indexes the two-character words inside longer ones (search mode)', () => {
    expect(segmentForIndex('智能制造执行系统')).toEqual(
      expect.arrayContaining(['智能', '制造', '执行', '系统', '制造执行系统']),
    );
    expect(segmentForIndex('能耗监测平台')).toEqual(expect.arrayContaining(['能耗', '监测', '平台']));
  });

  it('normalises full-width letters and case, and splits on punctuation like unicode61', () => {
    expect(segmentForIndex('ＭＥＳ系统，7×24')).toEqual(['mes', '系统', '7', '24']);
  });

  it('cuts queries in precise mode', () => {
    expect(segmentQuery('设备预测性维护')).toEqual(['设备', '预测性', '维护']);
  });

  it('cuts Han runs into fine words for pinyin and keeps unigrams for substrings', () => {
    expect(fineWords('智能制造执行系统')).toEqual(['智能', '制造', '执行', '系统']);
    expect(unigramText('云鼎 MES 制造')).toBe('云 鼎 mes 制 造');
  });
});

describe('pinyin', () => {
  it('indexes full pinyin and initials of word spans', () => {
    const { full, initials } = pinyinTokens(['云鼎智能制造']);
    expect(full).toEqual(
      expect.arrayContaining(['yunding', 'zhineng', 'zhinengzhizao', 'yundingzhinengzhizao']),
    );
    expect(initials).toEqual(expect.arrayContaining(['znzz', 'ydznzz']));
  });

  it('reads polyphonic characters by word (银行 → yinhang)', () => {
    expect(pinyinTokens(['重庆银行']).full).toEqual(expect.arrayContaining(['chongqing', 'yinhang']));
  });
});

describe('one typo', () => {
  it.each([
    ['monitering', 'monitoring', true],
    ['platfrom', 'platform', true],
    ['equipmnet', 'equipment', true],
    ['platfom', 'platform', true],
    ['platforms', 'platform', true],
    ['plaform', 'platform', true],
    ['pltafrom', 'platform', false],
    ['monitoring', 'monitoring', true],
    ['abc', 'xyz', false],
  ])('%s ~ %s: %s', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
  });
});

const vocab = (words: string[]): Vocabulary => ({
  has: (w) => words.includes(w),
  hasPrefix: (p) => words.some((w) => w.startsWith(p)),
  typos: () => ({ words: [], prefixes: [] }),
});

describe('query plans', () => {
  const synonyms = [
    ['MES', '制造执行系统'],
    ['上云', '云服务'],
  ];

  it('expands a synonym both ways, matching Latin ones as whole words only', () => {
    const plan = planQuery('mes ', vocab(['mes', '制造执行系统']), synonyms);
    expect(plan.clauses).toHaveLength(1);
    expect(plan.clauses[0]!.options.flat().flatMap((t) => t.forms)).toEqual([
      { kind: 'word', text: 'mes' },
      { kind: 'word', text: '制造执行系统' },
    ]);
    expect(
      planQuery('制造执行系统', vocab(['mes', '制造执行系统']), synonyms).clauses[0]!.options,
    ).toHaveLength(2);
    expect(planQuery('mesh', vocab([]), synonyms).clauses[0]!.options).toHaveLength(1); // not a synonym
  });

  it('matches a Han synonym with no indexed word as a substring', () => {
    const plan = planQuery('上云', vocab(['上云']), synonyms);
    expect(plan.clauses[0]!.options.map((o) => o[0]!.forms)).toEqual([
      [{ kind: 'word', text: '上云' }],
      [{ kind: 'chars', text: '云服务' }],
    ]);
  });

  it('treats the last word as a prefix until a space ends it', () => {
    expect(planQuery('eq', vocab(['equipment']), []).clauses[0]!.options[0]![0]!.forms).toEqual([
      { kind: 'prefix', text: 'eq' },
    ]);
    expect(planQuery('eq ', vocab(['equipment']), []).clauses[0]!.options[0]![0]!.forms).toEqual([
      { kind: 'word', text: 'eq' },
    ]);
  });

  it('drops function words and keeps single characters as substrings', () => {
    const plan = planQuery('数据的云', vocab(['数据']), []);
    expect(plan.clauses.map((c) => c.options[0]![0]!.forms)).toEqual([
      [{ kind: 'word', text: '数据' }],
      [{ kind: 'chars', text: '云' }],
    ]);
  });
});

describe('highlights', () => {
  it('escapes everything and adds only <mark>', () => {
    expect(markRanges('<a href="x">&', [[1, 2]])).toBe('&lt;<mark>a</mark> href=&quot;x&quot;&gt;&amp;');
    expect(highlight('<b>制造</b>', null)).toBe('&lt;b&gt;制造&lt;/b&gt;');
  });

  it('marks Han words anywhere, English at word starts, pinyin over the characters it spells', () => {
    const plan = (...forms: { kind: 'word' | 'prefix' | 'chars'; text: string }[]) => ({
      clauses: [{ source: '', options: [[{ source: '', forms }]] }],
      compact: '',
    });
    expect(
      highlight('智能制造 MES', plan({ kind: 'word', text: '制造' }, { kind: 'word', text: 'mes' })),
    ).toBe('智能<mark>制造</mark> <mark>MES</mark>');
    expect(highlight('Times MES', plan({ kind: 'word', text: 'mes' }))).toBe('Times <mark>MES</mark>');
    expect(highlight('Equipment', plan({ kind: 'prefix', text: 'eq' }))).toBe('<mark>Eq</mark>uipment');
    expect(highlight('云鼎智能制造', plan({ kind: 'word', text: 'znzz' }), { pinyin: true })).toBe(
      '云鼎<mark>智能制造</mark>',
    );
  });
});
