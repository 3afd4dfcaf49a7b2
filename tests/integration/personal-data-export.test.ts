// "A signed-in user downloads all their own data (JSON and CSV in a zip)" (issue 13): the archive
// holds the account's own rows — and nothing of another account's, checked byte for byte.
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.server';
import { notifications } from '../../db/schema';
import { isMessageKey } from '../../app/i18n';
import { appendEvent } from '../../app/models/adoption-ledger.server';
import { collectPersonalData, PERSONAL_DATA_TABLES } from '../../app/models/personal-data.server';
import { personalDataCounts } from '../../app/models/personal-data-counts.server';
import { showEnterpriseContact } from '../../app/models/contact-views.server';
import { createRequest } from '../../app/models/requests.server';
import * as dataPage from '../../app/routes/account.data';
import * as dataZip from '../../app/routes/account.data[.]zip';
import { call, createTestUser, getRequest, payloadOf, routeArgs, statusOf, useTestDatabase } from '../setup/test-db';
import { insertOrder, orderParties, type Parties } from './orders-fixtures';

const db = useTestDatabase();

interface Side {
  p: Parties;
  requestId: string;
  orderId: string;
  needs: string;
}

function side(db: Db, p: Parties, needs: string): Side {
  const request = createRequest(db, {
    enterpriseId: p.enterprise.id,
    actor: { role: 'sme', userId: p.smeUser.id, apiKeyId: null },
    input: { offeringId: p.offeringId, message: needs, contact: 'email' },
    now: new Date(),
  });
  if (!request.ok) throw new Error(`request refused: ${JSON.stringify(request)}`);
  const orderId = insertOrder(db, p, { status: 'confirmed' });
  return { p, requestId: request.id, orderId, needs };
}

let a: Side;
let b: Side;
beforeAll(async () => {
  // Needs that start like a spreadsheet formula: the CSV must not let it run.
  a = side(db(), await orderParties(db()), '=HYPERLINK("http://x") 需要一套排产系统，约 30 人使用');
  b = side(db(), await orderParties(db()), '乙方的需求：仓储管理系统，不应出现在甲方的导出里');
  appendEvent(db(), { enterpriseId: a.p.enterprise.id, level: 'saas', occurredOn: '2026-11-20', source: 'official', verified: true }, new Date().toISOString());
  const official = await createTestUser(db(), { role: 'official', prefecture: '5101' });
  showEnterpriseContact(db(), { userId: official.id, scopePrefecture: '5101' }, a.p.enterprise.id, '/official/disputes/x');
  showEnterpriseContact(db(), { userId: official.id, scopePrefecture: '5101' }, b.p.enterprise.id, '/official/disputes/y');
});

async function download(cookie: string) {
  const response = (await call(() => dataZip.loader(routeArgs(getRequest('/account/data.zip', cookie))))) as Response;
  expect(response.status).toBe(200);
  expect(response.headers.get('Content-Type')).toBe('application/zip');
  expect(response.headers.get('Cache-Control')).toBe('private, no-store');
  expect(response.headers.get('Content-Disposition')).toMatch(/^attachment; filename="yunqiao-my-data-\d{4}-\d{2}-\d{2}\.zip"$/);
  const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
  const text = Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
  return { raw: files, files: text, json: JSON.parse(text['data.json']!) as Record<string, any>, all: Object.values(text).join('\n') };
}

function secretsOf(s: Side) {
  return [s.p.smeUser.email, s.p.enterprise.uscc, s.requestId, s.orderId, s.needs, s.p.smeUser.id];
}

describe('the SME’s download', () => {
  it('holds its account, enterprise, requests, messages, orders, notifications, events and contact views', async () => {
    const { json, files, raw } = await download(a.p.smeUser.cookie);
    expect(json.format).toBe('yunqiao-personal-data/1');
    expect(json.account).toEqual([expect.objectContaining({ id: a.p.smeUser.id, email: a.p.smeUser.email, role: 'sme' })]);
    expect(json.sessions[0]).toMatchObject({ sessionVersion: 1, sessionStorage: 'signed-cookie' });
    expect(json.enterprise).toEqual([expect.objectContaining({ id: a.p.enterprise.id, uscc: a.p.enterprise.uscc })]);
    expect(json.requests.map((r: any) => r.id)).toEqual([a.requestId]);
    expect(json.messages).toEqual([expect.objectContaining({ requestId: a.requestId, from: 'sme', byYou: true, body: a.needs })]);
    expect(json.orders.map((o: any) => o.id)).toEqual([a.orderId]);
    expect(json.adoptionEvents).toEqual([expect.objectContaining({ level: 'saas', occurredAt: '2026-11-20', status: 'verified' })]);
    expect(json.contactViews).toEqual([expect.objectContaining({ context: '/official/disputes/x', viewerScope: '5101', viewerKnown: true })]);
    expect(json.provider).toEqual([]);
    // One CSV per table, each with its header even when empty.
    const tables = Object.keys(files).filter((f) => f.endsWith('.csv')).sort();
    expect(tables).toContain('orders.csv');
    expect(tables).toContain('provider.csv');
    expect(tables.length).toBe(Object.keys(json).filter((k) => Array.isArray(json[k])).length);
    // UTF-8 with a byte-order mark, so Excel on Chinese Windows reads it as UTF-8 (csv.server.ts).
    expect([...raw['orders.csv']!.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(files['orders.csv']).toContain(a.orderId);
  });

  it('neutralises formula-looking text in the CSV but keeps it as written in the JSON', async () => {
    const { json, files } = await download(a.p.smeUser.cookie);
    expect(json.requests[0].needs).toBe(a.needs);
    expect(files['requests.csv']).toContain(`'=HYPERLINK(`);
    expect(files['requests.csv']).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('holds nothing of another enterprise or person, and no secret', async () => {
    const { all } = await download(a.p.smeUser.cookie);
    for (const secret of secretsOf(b)) expect(all, secret).not.toContain(secret);
    expect(all).not.toContain('$argon2');
    expect(all).not.toContain('/official/disputes/y');
    // The provider of A's order is another person: its account id is not in A's copy either.
    expect(all).not.toContain(a.p.providerUser.id);
    // And B's own copy holds nothing of A's.
    const other = await download(b.p.smeUser.cookie);
    for (const secret of secretsOf(a)) expect(other.all, secret).not.toContain(secret);
  });
});

describe('the provider’s download', () => {
  it('holds its organisation, offerings, leads and orders, not another provider’s', async () => {
    const { json, all } = await download(a.p.providerUser.cookie);
    expect(json.provider).toEqual([expect.objectContaining({ id: a.p.provider.id })]);
    expect(json.offerings.map((o: any) => o.id)).toEqual([a.p.offeringId]);
    expect(json.requests.map((r: any) => r.id)).toEqual([a.requestId]);
    expect(json.messages[0]).toMatchObject({ from: 'sme', byYou: false });
    expect(json.orders.map((o: any) => o.id)).toEqual([a.orderId]);
    expect(json.notifications.map((n: any) => n.kind)).toEqual(['request.new']);
    expect(json.enterprise).toEqual([]);
    expect(all).not.toContain(b.p.provider.id);
    expect(all).not.toContain(b.orderId);
    // The buyer's email is the buyer's: not in the seller's copy (even though A chose "contact by email").
    expect(all).not.toContain(a.p.smeUser.email);
  });
});

describe('/account/data', () => {
  it('names every table in both languages', () => {
    for (const table of PERSONAL_DATA_TABLES) expect(isMessageKey(`accountData.section.${table}`), table).toBe(true);
  });

  it('counts what is held and lists who saw the enterprise’s contact; anonymous visitors log in first', async () => {
    const page = payloadOf(await dataPage.loader(routeArgs(getRequest('/account/data', a.p.smeUser.cookie))));
    expect(page.counts).toEqual(expect.arrayContaining([{ table: 'orders', rows: 1 }, { table: 'contactViews', rows: 1 }]));
    expect(page.counts.every((c: { rows: number }) => c.rows > 0)).toBe(true);
    expect(page.contactViews).toMatchObject({ total: 1, rows: [{ context: '/official/disputes/x' }] });
    expect(page.mayDelete).toBe(true);
    const anonymous = await call(() => dataZip.loader(routeArgs(getRequest('/account/data.zip'))));
    expect(statusOf(anonymous)).toBe(302);
    expect((anonymous as Response).headers.get('Location')).toMatch(/^\/login\?redirectTo=/);
  });
});

describe('the page’s counts', () => {
  it('agree with the download table by table, for buyers, sellers, staff and an empty account', async () => {
    const official = await createTestUser(db(), { role: 'official', prefecture: '5101' });
    const empty = await createTestUser(db(), { role: 'sme' });
    for (const userId of [a.p.smeUser.id, a.p.providerUser.id, b.p.smeUser.id, official.id, empty.id]) {
      const data = collectPersonalData(db(), userId);
      const fromExport = PERSONAL_DATA_TABLES.map((table) => ({ table, rows: data.tables[table].rows.length }));
      expect(personalDataCounts(db(), userId), userId).toEqual(fromExport);
    }
    // Not all zero: the comparison above has rows to agree on.
    const provider = personalDataCounts(db(), a.p.providerUser.id);
    expect(provider.filter((c) => c.rows > 0).map((c) => c.table)).toEqual(
      expect.arrayContaining(['account', 'provider', 'offerings', 'requests', 'messages', 'orders', 'notifications']),
    );
  });
});

describe('a large download', () => {
  it('zips tables past 160 kB (deflated on worker threads) whole', async () => {
    const busy = await createTestUser(db(), { role: 'sme' });
    const many = 3000;
    db().insert(notifications)
      .values(Array.from({ length: many }, (_, i) => ({ userId: busy.id, kind: 'request.message', params: { n: i, text: `第 ${i} 条：${'消息'.repeat(20)}` }, link: `/enterprise/requests/r${i}` })))
      .run();
    const { json, raw, files } = await download(busy.cookie);
    expect(raw['notifications.csv']!.byteLength).toBeGreaterThan(160_000);
    expect(raw['data.json']!.byteLength).toBeGreaterThan(160_000);
    expect(json.notifications.length).toBe(many);
    expect(files['notifications.csv']!.trimEnd().split('\r\n').length).toBe(many + 1);
    expect(json.notifications[many - 1].params).toMatchObject({ n: many - 1 });
  });
});
