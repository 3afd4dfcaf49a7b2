import { beforeAll, describe, expect, it } from 'vitest';
import { offeringPlans, offerings, providers } from '../../db/schema';
import * as catalogList from '../../app/routes/catalog._index';
import * as catalogDetail from '../../app/routes/catalog.$offeringId';
import { makeUscc } from '../../app/domain/uscc';
import { listPublishedOfferings } from '../../app/models/catalog.server';
import { newId } from '../../app/utils/ids';
import { call, createTestUser, getRequest, payloadOf, routeArgs, statusOf, useTestDatabase } from '../setup/test-db';

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
function insertOffering(
  providerId: string,
  opts: { status: OfferingStatus; titleZh: string; summary?: string; publishedAt?: string; prices?: (number | null)[] },
) {
  const id = newId();
  db()
    .insert(offerings)
    .values({
      id,
      providerId,
      externalId: id,
      titleZh: opts.titleZh,
      summary: opts.summary ?? `${opts.titleZh}的简介`,
      description: '第一行\n<script>alert(1)</script>',
      level: 'saas',
      categories: ['生产管理'],
      status: opts.status,
      publishedAt: opts.status === 'published' ? (opts.publishedAt ?? '2024-01-01T00:00:00.000Z') : null,
    })
    .run();
  (opts.prices ?? [100_00]).forEach((priceFen, position) => {
    db()
      .insert(offeringPlans)
      .values({ id: newId(), offeringId: id, position, name: `方案${position + 1}`, priceFen, billing: priceFen === null ? 'quote' : 'year' })
      .run();
  });
  return id;
}

async function listPage(query: string) {
  const result = await call(() => catalogList.loader(routeArgs(getRequest(`/catalog${query}`))));
  expect(statusOf(result)).toBe(200);
  return payloadOf<Awaited<ReturnType<typeof catalogList.loader>>>(result);
}

async function detailStatus(id: string, cookie?: string) {
  return statusOf(await call(() => catalogDetail.loader(routeArgs(getRequest(`/catalog/${id}`, cookie), { offeringId: id }))));
}

const hidden: Record<string, string> = {};
let visibleId = '';

beforeAll(() => {
  const approved = insertProvider('approved', '四川可见云科技有限公司');
  const suspended = insertProvider('suspended', '四川暂停云科技有限公司');
  const applied = insertProvider('applied', '四川待审云科技有限公司');
  visibleId = insertOffering(approved, { status: 'published', titleZh: '可见的MES', prices: [null, 500_00, 300_00] });
  hidden.draft = insertOffering(approved, { status: 'draft', titleZh: '草稿产品' });
  hidden.submitted = insertOffering(approved, { status: 'submitted', titleZh: '待审产品' });
  hidden.archived = insertOffering(approved, { status: 'archived', titleZh: '归档产品' });
  hidden.rejected = insertOffering(approved, { status: 'rejected', titleZh: '驳回产品' });
  hidden.suspendedProvider = insertOffering(suspended, { status: 'published', titleZh: '暂停服务商的产品' });
  hidden.appliedProvider = insertOffering(applied, { status: 'published', titleZh: '待审服务商的产品' });
});

describe('public catalog list', () => {
  it('shows only published offerings of approved providers', async () => {
    const page = await listPage('');
    expect(page.rows.map((r) => r.id)).toEqual([visibleId]);
    expect(page.total).toBe(1);
  });

  it('gives the lowest plan price from the plans, or null when every plan is 面议', async () => {
    const provider = insertProvider('approved', '面议云');
    const quoteOnly = insertOffering(provider, { status: 'published', titleZh: '只面议', prices: [null, null] });
    const { rows } = listPublishedOfferings(db(), { page: 1, perPage: 50 });
    expect(rows.find((r) => r.id === visibleId)?.minPriceFen).toBe(300_00);
    expect(rows.find((r) => r.id === quoteOnly)?.minPriceFen).toBeNull();
  });

  it('treats % and _ in the search words literally', async () => {
    const provider = insertProvider('approved', '百分云');
    const percent = insertOffering(provider, { status: 'published', titleZh: '良品率100%提升', summary: '质量' });
    insertOffering(provider, { status: 'published', titleZh: '普通设备管理', summary: '设备' });
    expect((await listPage('?q=%25')).rows.map((r) => r.id)).toEqual([percent]);
    expect((await listPage('?q=_')).total).toBe(0);
    expect((await listPage('?q=100%25提升')).rows.map((r) => r.id)).toEqual([percent]);
  });

  it('matches the provider name and filters by level', async () => {
    expect((await listPage(`?q=${encodeURIComponent('可见云科技')}`)).rows.map((r) => r.id)).toEqual([visibleId]);
    expect((await listPage('?level=iaas')).total).toBe(0);
    expect((await listPage('?level=saas')).total).toBeGreaterThan(0);
  });

  it('pages 20 at a time, newest first, and clamps bad or stale page numbers', async () => {
    const provider = insertProvider('approved', '分页云');
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      const day = String(i + 1).padStart(2, '0');
      ids.push(insertOffering(provider, { status: 'published', titleZh: `分页产品${i}`, summary: 'PAGETEST', publishedAt: `2025-03-${day}T08:00:00.000Z` }));
    }
    const newestFirst = [...ids].reverse();
    const first = await listPage('?q=PAGETEST');
    expect(first.total).toBe(25);
    expect(first.page).toBe(1);
    expect(first.rows.map((r) => r.id)).toEqual(newestFirst.slice(0, 20));
    const second = await listPage('?q=PAGETEST&page=2');
    expect(second.rows.map((r) => r.id)).toEqual(newestFirst.slice(20));
    expect((await listPage('?q=PAGETEST&page=99')).page).toBe(2);
    for (const bad of ['abc', '-3', '0', '1.5', '1e309']) {
      const result = await listPage(`?q=PAGETEST&page=${bad}`);
      expect(result.page).toBe(1);
    }
    expect((await listPage('?q=PAGETEST&level=not-a-level')).total).toBe(25);
  });
});

describe('public offering detail', () => {
  it('shows a published offering of an approved provider with plans and provider', async () => {
    const result = await call(() => catalogDetail.loader(routeArgs(getRequest(`/catalog/${visibleId}`), { offeringId: visibleId })));
    expect(statusOf(result)).toBe(200);
    const payload = payloadOf(result);
    expect(payload.offering.titleZh).toBe('可见的MES');
    expect(payload.offering.plans.map((p: { priceFen: number | null }) => p.priceFen)).toEqual([null, 500_00, 300_00]);
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
