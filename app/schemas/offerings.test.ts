import { describe, expect, it } from 'vitest';
import { parseWithZod } from '@conform-to/zod/v4';
import {
  OfferingListQuerySchema,
  OfferingSchema,
  canArchiveOffering,
  canDeleteOffering,
  canEditOffering,
  canSubmitOffering,
  fenToYuanInput,
  offeringProblems,
  offeringToFormValue,
  parseTags,
  parseYuanToFen,
  providerCanPrepare,
  providerCanSubmit,
} from './offerings';

function form(fields: Record<string, string | string[]>) {
  const fd = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) fd.append(name, v);
  return fd;
}

const valid = {
  externalId: 'mes-basic',
  title: '轻量 MES 云服务',
  summary: '面向中小制造企业的生产管理 SaaS',
  level: 'saas',
  categories: ['生产管理', '质量管理'],
  'plans[0].name': '基础版',
  'plans[0].price': '980.50',
  'plans[0].billing': 'month',
};

const parse = (overrides: Record<string, string | string[]> = {}) => parseWithZod(form({ ...valid, ...overrides }), { schema: OfferingSchema });
/** The field errors of a submission (none when it succeeded). */
const errorsOf = (submission: ReturnType<typeof parse>): Record<string, string[] | null> =>
  submission.status === 'success' ? {} : (submission.error ?? {});

describe('parseYuanToFen', () => {
  it('converts yuan to integer fen exactly, without float drift', () => {
    expect(parseYuanToFen('980.50')).toEqual({ ok: true, fen: 98050 });
    expect(parseYuanToFen('980.5')).toEqual({ ok: true, fen: 98050 });
    expect(parseYuanToFen('980')).toEqual({ ok: true, fen: 98000 });
    expect(parseYuanToFen('0.01')).toEqual({ ok: true, fen: 1 });
    expect(parseYuanToFen('0.29')).toEqual({ ok: true, fen: 29 }); // 0.29 * 100 = 28.999… in floating point
    expect(parseYuanToFen('1.13')).toEqual({ ok: true, fen: 113 });
    expect(parseYuanToFen('0')).toEqual({ ok: true, fen: 0 });
    expect(parseYuanToFen('980.')).toEqual({ ok: true, fen: 98000 });
  });

  it('forgives ¥, thousands separators and surrounding spaces', () => {
    expect(parseYuanToFen(' ¥12,800.00 ')).toEqual({ ok: true, fen: 1_280_000 });
    expect(parseYuanToFen('007')).toEqual({ ok: true, fen: 700 });
  });

  it('refuses a third decimal rather than rounding it', () => {
    expect(parseYuanToFen('980.505')).toEqual({ ok: false, error: 'provider.priceDecimals' });
  });

  it('refuses negatives, words and absurd amounts', () => {
    expect(parseYuanToFen('-1')).toEqual({ ok: false, error: 'provider.priceFormat' });
    expect(parseYuanToFen('abc')).toEqual({ ok: false, error: 'provider.priceFormat' });
    expect(parseYuanToFen('1e3')).toEqual({ ok: false, error: 'provider.priceFormat' });
    expect(parseYuanToFen('.5')).toEqual({ ok: false, error: 'provider.priceFormat' });
    expect(parseYuanToFen('1234567890')).toEqual({ ok: false, error: 'provider.priceTooBig' });
  });

  it('round-trips through the text shown back in the form', () => {
    for (const fen of [0, 1, 29, 98050, 98000, 123456789]) {
      expect(parseYuanToFen(fenToYuanInput(fen))).toEqual({ ok: true, fen });
    }
    expect(fenToYuanInput(null)).toBe('');
    expect(fenToYuanInput(98050)).toBe('980.50');
    expect(fenToYuanInput(98000)).toBe('980');
  });
});

describe('parseTags', () => {
  it('splits on commas (half and full width), 、, semicolons and spaces, dropping empties and duplicates', () => {
    expect(parseTags('MES, 排产，设备、能耗;质量  MES')).toEqual(['MES', '排产', '设备', '能耗', '质量']);
    expect(parseTags('')).toEqual([]);
    expect(parseTags(undefined)).toEqual([]);
    expect(parseTags(' , 、 ')).toEqual([]);
  });

  it('limits tags to 20, each up to 20 characters', () => {
    const many = Array.from({ length: 21 }, (_, i) => `t${i}`).join(',');
    expect(errorsOf(parse({ tags: many })).tags).toEqual(['provider.tagsTooMany|max=20']);
    expect(errorsOf(parse({ tags: '一二三四五六七八九十一二三四五六七八九十一' })).tags).toEqual(['provider.tagTooLong|max=20']);
    const ok = parse({ tags: '一二三四五六七八九十一二三四五六七八九十' });
    expect(ok.status).toBe('success');
  });
});

describe('OfferingSchema', () => {
  it('accepts a complete offering and stores prices in fen', () => {
    const result = parse({ tags: 'MES、排产', 'plans[1].name': '定制', 'plans[1].billing': 'quote', 'plans[1].trialDays': '14' });
    expect(result.status).toBe('success');
    if (result.status !== 'success') return;
    expect(result.value.plans).toEqual([
      { name: '基础版', priceFen: 98050, billing: 'month', trialDays: null },
      { name: '定制', priceFen: null, billing: 'quote', trialDays: 14 },
    ]);
    expect(result.value.tags).toEqual(['MES', '排产']);
    expect(result.value.industries).toEqual([]);
    expect(result.value.sizes).toEqual([]);
  });

  it('needs 1 to 10 plans', () => {
    const { 'plans[0].name': _n, 'plans[0].price': _p, 'plans[0].billing': _b, ...noPlans } = valid;
    const none = parseWithZod(form(noPlans), { schema: OfferingSchema });
    expect(errorsOf(none).plans).toEqual(['provider.plansRange']);
    const eleven: Record<string, string> = {};
    for (let i = 0; i < 11; i++) Object.assign(eleven, { [`plans[${i}].name`]: `P${i}`, [`plans[${i}].price`]: '1', [`plans[${i}].billing`]: 'year' });
    expect(errorsOf(parse(eleven)).plans).toEqual(['provider.plansRange']);
  });

  it('allows an empty price only for a plan billed on quote', () => {
    expect(errorsOf(parse({ 'plans[0].price': '' }))['plans[0].price']).toEqual(['provider.priceRequired']);
    expect(parse({ 'plans[0].price': '', 'plans[0].billing': 'quote' }).status).toBe('success');
  });

  it('reports price errors with every other error on the first submit', () => {
    const result = errorsOf(parse({ 'plans[0].price': '9.999', 'plans[0].name': '', title: 'x', externalId: 'Bad_Id' }));
    expect(result['plans[0].price']).toEqual(['provider.priceDecimals']);
    expect(result['plans[0].name']).toEqual(['errors.required']);
    expect(result.title).toEqual(['errors.tooShort|min=2']);
    expect(result.externalId).toEqual(['provider.externalIdFormat']);
  });

  it('checks the closed vocabularies and the manufacturing division range', () => {
    const result = errorsOf(parse({ categories: [], level: 'cloud', industries: ['34', '51'], sizes: ['tiny'], regions: ['5102'], stages: ['生产制造'] }));
    expect(result.categories).toEqual(['provider.categoriesRange']);
    expect(result.level).toEqual(['errors.choice']);
    expect(result['industries[1]']).toEqual(['errors.choice']);
    expect(result['sizes[0]']).toEqual(['errors.choice']);
    expect(result['regions[0]']).toEqual(['errors.choice']);
    const six = parse({ categories: ['计算', '存储', '网络', '数据库', '物联网', '供应链'] });
    expect(errorsOf(six).categories).toEqual(['provider.categoriesRange']);
  });

  it('lower-cases the external id and limits the summary to 200 characters', () => {
    const ok = parse({ externalId: ' MES-Basic ' });
    expect(ok.status === 'success' && ok.value.externalId).toBe('mes-basic');
    expect(errorsOf(parse({ summary: '字'.repeat(201) })).summary).toEqual(['errors.tooLong|max=200']);
    expect(errorsOf(parse({ description: 'x'.repeat(5001) })).description).toEqual(['errors.tooLong|max=5000']);
  });

  it('turns a stored offering back into form values that parse to the same input', () => {
    const value = offeringToFormValue({
      externalId: 'mes-basic',
      titleZh: '轻量 MES 云服务',
      titleEn: null,
      summary: '简介',
      description: '',
      level: 'saas',
      categories: ['生产管理'],
      stages: [],
      industries: ['34'],
      sizes: ['small'],
      regions: [],
      tags: ['MES', '排产'],
      plans: [{ name: '基础版', priceFen: 98050, billing: 'month', trialDays: 7 }],
    });
    expect(value.plans[0]).toEqual({ name: '基础版', price: '980.50', billing: 'month', trialDays: '7' });
    expect(value.tags).toBe('MES、排产');
  });
});

describe('status rules', () => {
  it('lets drafts and rejected offerings be edited, submitted and deleted, and only published ones archived', () => {
    expect(['draft', 'rejected'].every((s) => canEditOffering(s as never) && canSubmitOffering(s as never) && canDeleteOffering(s as never))).toBe(true);
    for (const s of ['submitted', 'published', 'archived'] as const) {
      expect(canEditOffering(s)).toBe(false);
      expect(canSubmitOffering(s)).toBe(false);
      expect(canDeleteOffering(s)).toBe(false);
    }
    expect(canArchiveOffering('published')).toBe(true);
    expect(canArchiveOffering('draft')).toBe(false);
  });

  it('lets every provider but a suspended one prepare drafts, and only an approved one submit', () => {
    expect(providerCanPrepare('applied')).toBe(true);
    expect(providerCanPrepare('rejected')).toBe(true);
    expect(providerCanPrepare('suspended')).toBe(false);
    expect(providerCanSubmit('approved')).toBe(true);
    expect(providerCanSubmit('applied')).toBe(false);
    expect(providerCanSubmit('rejected')).toBe(false);
  });

  it('finds what an imported or old offering lacks before submission', () => {
    expect(offeringProblems({ titleZh: 'MES', summary: 's', categories: ['计算'], plans: [{ priceFen: 1, billing: 'month' }] })).toEqual([]);
    expect(offeringProblems({ titleZh: 'M', summary: ' ', categories: [], plans: [] })).toEqual([
      'provider.problemTitle',
      'provider.problemSummary',
      'provider.categoriesRange',
      'provider.plansRange',
    ]);
  });
});

describe('OfferingListQuerySchema', () => {
  it('falls back to all statuses and the first page for a bad query', () => {
    expect(OfferingListQuerySchema.parse({ status: 'nope', page: '-3' })).toEqual({ status: undefined, page: 1 });
    expect(OfferingListQuerySchema.parse({ status: 'draft', page: '2' })).toEqual({ status: 'draft', page: 2 });
    expect(OfferingListQuerySchema.parse({})).toEqual({ status: undefined, page: 1 });
  });
});
