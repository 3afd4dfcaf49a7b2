import { describe, expect, it } from 'vitest';
import { highlight, markRanges } from './highlight';
import { pinyinRanges, pinyinTokens } from './pinyin';
import { planQuery, type Vocabulary } from './query';
import { fineWords, segmentForIndex, segmentQuery, unigramText, wordJoins } from './segment';
import { typoCandidates, withinOneEdit } from './typo';

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

  it('starts spans at any character, not only at word starts (能制造 → nengzhizao)', () => {
    const { full, initials } = pinyinTokens(['云鼎智能制造']);
    expect(full).toEqual(expect.arrayContaining(['nengzhizao', 'dingzhineng']));
    expect(initials).toEqual(expect.arrayContaining(['nzz']));
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

describe('first-letter typos', () => {
  const byLength = new Map([
    [9, ['equipment']],
    [5, ['cloud']],
  ]);
  it('are corrected from 8 letters only (qeuipment, rquipment; not dloud)', () => {
    expect(typoCandidates('qeuipment', byLength).words).toEqual(['equipment']);
    expect(typoCandidates('rquipment', byLength).words).toEqual(['equipment']);
    expect(typoCandidates('dloud', byLength).words).toEqual([]);
  });
});

describe('joins of neighbouring words', () => {
  it('join words side by side within a run, never a part of a longer word', () => {
    expect(wordJoins('可申请免费的上云诊断')).toEqual(expect.arrayContaining(['上云', '的上云']));
    expect(wordJoins('弹性云服务器')).not.toContain('云服务');
    expect(wordJoins('时序数据库云服务')).toContain('云服务');
    expect(wordJoins('仓储管理系统')).toContain('仓储管理');
    expect(wordJoins('生产，管理')).not.toContain('生产管理');
  });
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

  it('matches a short Han synonym as a whole word only (never a substring of 云服务器); a long one as a substring', () => {
    const plan = planQuery('上云', vocab(['上云']), synonyms);
    expect(plan.clauses[0]!.options.map((o) => o[0]!.forms)).toEqual([
      [{ kind: 'word', text: '上云' }],
      [{ kind: 'word', text: '云服务' }],
    ]);
    const long = planQuery('scada', vocab([]), [['SCADA', '数据采集与监视控制']]);
    expect(long.clauses[0]!.options[1]![0]!.forms[0]).toEqual({ kind: 'chars', text: '数据采集与监视控制' });
  });

  it('adds the English stem as another form, and a Chinese phrase for several Han words', () => {
    expect(planQuery('servers ', vocab([]), []).clauses[0]!.options[0]![0]!.forms).toEqual([
      { kind: 'word', text: 'servers' },
      { kind: 'stem', text: 'server' },
    ]);
    expect(planQuery('生产管理', vocab(['生产', '管理']), []).phrase).toEqual({
      text: '生产管理',
      words: ['生产', '管理'],
    });
    expect(planQuery('生产', vocab(['生产']), []).phrase).toBeNull();
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
      phrase: null,
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

  it('marks pinyin as the index reads it, word by word: 银行 is yinhang and 重庆 chongqing', () => {
    const plan = (kind: 'word' | 'prefix', text: string) => ({
      clauses: [{ source: '', options: [[{ source: '', forms: [{ kind, text }] }]] }],
      compact: '',
      phrase: null,
    });
    // Read alone, 行 is xing and 重 zhong: neither word was marked before.
    expect(pinyinTokens(['中国银行']).full).toContain('yinhang');
    expect(highlight('中国银行企业网银', plan('word', 'yinhang'), { pinyin: true })).toBe(
      '中国<mark>银行</mark>企业网银',
    );
    expect(highlight('重庆工业云', plan('word', 'chongqing'), { pinyin: true })).toBe(
      '<mark>重庆</mark>工业云',
    );
    expect(highlight('重庆工业云', plan('word', 'cq'), { pinyin: true })).toBe('<mark>重庆</mark>工业云');
    expect(pinyinRanges('中国银行', [{ text: 'zhongguoyinhang', prefix: false }])).toEqual([[0, 4]]);
    // Still being typed: the shortest span it begins, from each start.
    expect(highlight('重庆工业云', plan('prefix', 'chongq'), { pinyin: true })).toBe(
      '<mark>重庆</mark>工业云',
    );
    expect(pinyinRanges('云鼎智能制造', [{ text: 'zhin', prefix: true }])).toEqual([[2, 4]]);
    expect(pinyinRanges('中国银行', [{ text: 'xing', prefix: false }])).toEqual([]);
  });
});
