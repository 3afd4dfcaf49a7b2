import { beforeAll, describe, expect, it, vi } from 'vitest';
import { offeringPlans, offerings, providers } from '../../db/schema';
import * as catalogList from '../../app/routes/catalog._index';
import { SHAREABLE_HEADER } from '../../app/utils/shareable';
import * as catalogDetail from '../../app/routes/catalog.$offeringId';
import { makeUscc } from '../../app/domain/uscc';
import {
  indexOfferingInTx,
  makeQuery,
  searchParamsOf,
  sqliteEngineFor,
} from '../../app/models/search.server';
import { newId } from '../../app/utils/ids';
import {
  call,
  createTestUser,
  getRequest,
  payloadOf,
  routeArgs,
  statusOf,
  useTestDatabase,
  type LoaderPayload,
} from '../setup/test-db';

const db = useTestDatabase();

let usccSerial = 0;
function insertProvider(status: 'applied' | 'approved' | 'rejected' | 'suspended', nameZh: string) {
  const id = newId();
  usccSerial += 1;
  db()
    .insert(providers)
    .values({
      id,
      uscc: makeUscc('91', '510100', `MA6${String(usccSerial).padStart(6, '0')}`),
      nameZh,
      prefecture: '5101',
      certifications: ['mlps3'],
      status,
    })
    .run();
  return id;
}

type OfferingStatus = 'draft' | 'submitted' | 'published' | 'rejected' | 'archived';
/** Inserts an offering with plans and brings the search index in line, in one transaction (as the catalog models do). */
function insertOffering(
  providerId: string,
  opts: {
    status: OfferingStatus;
    titleZh: string;
    summary?: string;
    publishedAt?: string;
    prices?: (number | null)[];
    level?: 'iaas' | 'paas' | 'saas' | 'platform' | 'industrial-app';
    categories?: string[];
  },
) {
  const id = newId();
  db().transaction((tx) => {
    tx.insert(offerings)
      .values({
        id,
        providerId,
        externalId: id,
        titleZh: opts.titleZh,
        summary: opts.summary ?? `${opts.titleZh}的简介`,
        description: '第一行\n<script>alert(1)</script>',
        level: opts.level ?? 'saas',
        categories: opts.categories ?? ['生产管理'],
        status: opts.status,
        publishedAt: opts.status === 'published' ? (opts.publishedAt ?? '2024-01-01T00:00:00.000Z') : null,
      })
      .run();
    (opts.prices ?? [100_00]).forEach((priceFen, position) => {
      tx.insert(offeringPlans)
        .values({
          id: newId(),
          offeringId: id,
          position,
          name: `方案${position + 1}`,
          priceFen,
          billing: priceFen === null ? 'quote' : 'year',
        })
        .run();
    });
    indexOfferingInTx(tx, id);
  });
  return id;
}

async function listPage(query: string) {
  const result = await call(() => catalogList.loader(routeArgs(getRequest(`/catalog${query}`))));
  expect(statusOf(result)).toBe(200);
  return payloadOf<LoaderPayload<typeof catalogList.loader>>(result);
}

const idsOf = (page: Awaited<ReturnType<typeof listPage>>) => page.result.hits.map((h) => h.id);

async function detailStatus(id: string, cookie?: string) {
  return statusOf(
    await call(() =>
      catalogDetail.loader(routeArgs(getRequest(`/catalog/${id}`, cookie), { offeringId: id })),
    ),
  );
}

const hidden: Record<string, string> = {};
let visibleId = '';

beforeAll(() => {
  const approved = insertProvider('approved', '四川可见云科技有限公司');
  const suspended = insertProvider('suspended', '四川暂停云科技有限公司');
  const applied = insertProvider('applied', '四川待审云科技有限公司');
  visibleId = insertOffering(approved, {
    status: 'published',
    titleZh: '可见的MES',
    prices: [null, 500_00, 300_00],
  });
  hidden.draft = insertOffering(approved, { status: 'draft', titleZh: '草稿产品' });
  hidden.submitted = insertOffering(approved, { status: 'submitted', titleZh: '待审产品' });
  hidden.archived = insertOffering(approved, { status: 'archived', titleZh: '归档产品' });
  hidden.rejected = insertOffering(approved, { status: 'rejected', titleZh: '驳回产品' });
  hidden.suspendedProvider = insertOffering(suspended, { status: 'published', titleZh: '暂停服务商的产品' });
  hidden.appliedProvider = insertOffering(applied, { status: 'published', titleZh: '待审服务商的产品' });
});

describe('catalog search page', () => {
  it('shows only published offerings of approved providers', async () => {
    const page = await listPage('');
    expect(idsOf(page)).toEqual([visibleId]);
    expect(page.result.total).toBe(1);
    expect(page.result.facets.level).toEqual({ saas: 1 });
  });

  it('gives the lowest plan price from the plans, or null when every plan is 面议', async () => {
    const provider = insertProvider('approved', '面议云');
    const quoteOnly = insertOffering(provider, {
      status: 'published',
      titleZh: '只面议',
      prices: [null, null],
    });
    const { result } = await listPage('?perPage=50');
    expect(result.hits.find((r) => r.id === visibleId)?.minPriceFen).toBe(300_00);
    expect(result.hits.find((r) => r.id === quoteOnly)?.minPriceFen).toBeNull();
  });

  it('finds two-character Chinese words and pinyin initials, with highlights', async () => {
    const provider = insertProvider('approved', '绵阳智造云科技有限公司');
    const smart = insertOffering(provider, {
      status: 'published',
      titleZh: '智能制造执行平台',
      summary: '面向中小制造企业的生产排程与报工',
    });
    insertOffering(provider, {
      status: 'published',
      titleZh: '云桌面办公套件',
      summary: '远程办公',
      categories: ['办公桌面'],
    });
    const made = await listPage(`?q=${encodeURIComponent('制造')}`);
    expect(idsOf(made)).toContain(smart);
    expect(idsOf(made)).not.toContain(hidden.draft);
    expect(made.result.hits.find((h) => h.id === smart)?.highlight.title).toContain('<mark>');
    const pinyin = await listPage('?q=znzz');
    expect(idsOf(pinyin)[0]).toBe(smart);
  });

  it('keeps quotes, wildcards and markup in the query harmless', async () => {
    for (const q of ['%', '_', '"', "'", 'a" OR "b', '*', '(', 'NEAR(', '<script>alert(1)</script>']) {
      const page = await listPage(`?q=${encodeURIComponent(q)}`);
      expect(page.result.hits.every((h) => !h.highlight.title.includes('<script'))).toBe(true);
    }
  });

  it('matches the provider name and filters by level, with disjunctive facet counts', async () => {
    expect(idsOf(await listPage(`?q=${encodeURIComponent('可见云科技')}`))).toContain(visibleId);
    expect((await listPage('?level=iaas')).result.total).toBe(0);
    const saas = await listPage('?level=saas');
    expect(saas.result.total).toBeGreaterThan(0);
    // The level facet ignores its own filter so the other levels can still be chosen.
    expect(Object.keys(saas.result.facets.level)).toContain('saas');
  });

  it('pages 20 at a time, newest first, and clamps bad or stale page numbers', async () => {
    const provider = insertProvider('approved', '分页云');
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      const day = String(i + 1).padStart(2, '0');
      ids.push(
        insertOffering(provider, {
          status: 'published',
          titleZh: `分页产品${i}`,
          summary: 'PAGETEST',
          publishedAt: `2025-03-${day}T08:00:00.000Z`,
        }),
      );
    }
    const newestFirst = [...ids].reverse();
    const first = await listPage('?q=PAGETEST&sort=newest');
    expect(first.result.total).toBe(25);
    expect(first.result.page).toBe(1);
    expect(idsOf(first)).toEqual(newestFirst.slice(0, 20));
    const second = await listPage('?q=PAGETEST&sort=newest&page=2');
    expect(idsOf(second)).toEqual(newestFirst.slice(20));
    expect((await listPage('?q=PAGETEST&page=99')).result.page).toBe(2);
    for (const bad of ['abc', '-3', '0', '1.5', '1e309']) {
      const result = await listPage(`?q=PAGETEST&page=${bad}`);
      expect(result.result.page).toBe(1);
      expect(result.ignored).toContain('page');
    }
    const badLevel = await listPage('?q=PAGETEST&level=not-a-level');
    expect(badLevel.result.total).toBe(25);
    expect(badLevel.ignored).toEqual(['level']);
    const longQuery = await listPage(`?q=${'PAGETEST'.padEnd(150, 'x')}`);
    expect(longQuery.query.q.length).toBe(100);
  });

  it('suggests ways out of an empty result: drop a filter, drop the last word, browse everything', async () => {
    const filtered = await listPage(`?q=${encodeURIComponent('制造')}&level=iaas`);
    expect(filtered.result.total).toBe(0);
    const removeLevel = filtered.suggestions.find((s) => s.kind === 'removeFilter');
    expect(removeLevel).toMatchObject({ facet: 'level', value: 'iaas' });
    expect(removeLevel?.total).toBeGreaterThan(0);
    expect(new URLSearchParams(removeLevel?.search).getAll('level')).toEqual([]);

    const words = await listPage(`?q=${encodeURIComponent('制造 zzqqxxyy')}`);
    expect(words.result.total).toBe(0);
    expect(words.suggestions.find((s) => s.kind === 'shorterQuery')).toMatchObject({ q: '制造' });
    expect(words.suggestions.some((s) => s.kind === 'browseAll')).toBe(true);
  });

  it('makes each search of an empty page once, counts the whole catalog without one, and offers a link once', async () => {
    const everything = (await listPage('')).result.total;
    const searched = vi.spyOn(sqliteEngineFor(db()), 'searchSync');
    try {
      const page = await listPage(`?q=${encodeURIComponent('制造 zzqqxxyy')}&level=iaas`);
      expect(page.result.total).toBe(0);
      // What decides a total: the words, the filters and the price limit (not the page, size or order).
      const asked = searched.mock.calls.map(([q]) =>
        searchParamsOf(makeQuery({ q: q.q, filters: q.filters, priceMaxFen: q.priceMaxFen })).toString(),
      );
      expect(asked.length).toBeGreaterThan(1);
      expect(new Set(asked).size).toBe(asked.length);
      expect(asked).not.toContain('');
      expect(page.suggestions.find((s) => s.kind === 'browseAll')).toMatchObject({ total: everything });
      const links = [...page.suggestions.map((s) => s.search), page.zeroHelp?.didYouMean?.search].filter(
        Boolean,
      );
      expect(new Set(links).size).toBe(links.length);
    } finally {
      searched.mockRestore();
    }
  });

  it('lets the anonymous page cache keep an answer with hits, never one that found nothing (a counted miss)', async () => {
    const markerOf = async (query: string) => {
      const result = (await call(() => catalogList.loader(routeArgs(getRequest(`/catalog${query}`))))) as {
        init?: { headers?: Record<string, string> };
      };
      const loaderHeaders = new Headers(result.init?.headers);
      return new Headers(
        catalogList.headers({ loaderHeaders } as Parameters<typeof catalogList.headers>[0]),
      ).get(SHAREABLE_HEADER);
    };
    expect(await markerOf(`?q=${encodeURIComponent('制造')}`)).toBe('anonymous');
    expect(await markerOf('')).toBe('anonymous');
    expect(await markerOf(`?q=${encodeURIComponent('zzqqxxyy')}`)).toBeNull();
  });
});

describe('public offering detail', () => {
  it('shows a published offering of an approved provider with plans and provider', async () => {
    const result = await call(() =>
      catalogDetail.loader(routeArgs(getRequest(`/catalog/${visibleId}`), { offeringId: visibleId })),
    );
    expect(statusOf(result)).toBe(200);
    const payload = payloadOf(result);
    expect(payload.offering.titleZh).toBe('可见的MES');
    expect(payload.offering.plans.map((p: { priceFen: number | null }) => p.priceFen)).toEqual([
      null,
      500_00,
      300_00,
    ]);
    expect(payload.offering.provider.nameZh).toBe('四川可见云科技有限公司');
    expect(payload.viewerRole).toBeNull();
  });

  it('answers 404 for drafts, unpublished states and offerings of unvetted or suspended providers, for everyone', async () => {
    const official = await createTestUser(db(), { role: 'official' });
    for (const [name, id] of Object.entries(hidden)) {
      expect({ name, status: await detailStatus(id) }).toEqual({ name, status: 404 });
      expect({ name, status: await detailStatus(id, official.cookie) }).toEqual({ name, status: 404 });
    }
    expect(await detailStatus('no-such-offering')).toBe(404);
  });
});
