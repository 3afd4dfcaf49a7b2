/**
 * 待审核队列: provider applications, new offering submissions and revisions of published
 * offerings in one list, oldest first, so the one waiting longest is decided first. Scoped like
 * every vetting page: a prefecture official sees providers registered in that prefecture (and
 * their offerings), a provincial official sees all.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import type { QueueKind } from '~/schemas/vetting';
import type { ScopePrefecture } from './vetting.server';

export const QUEUE_PAGE_SIZE = 20;

export interface QueueRow {
  kind: QueueKind;
  /** The provider, offering or revision id: what the row links to. */
  id: string;
  titleZh: string;
  titleEn: string | null;
  providerId: string;
  providerNameZh: string;
  providerNameEn: string | null;
  prefecture: string;
  submittedAt: string;
}

// One UNION ALL with the scope and kind applied outside: three small index-backed sets
// (status = applied / submitted / pending) rather than three pagers that cannot be merged.
// A re-application waits from the day it was made, not from the first application.
const queue = sql`
  select 'provider' as kind, p.id as id, p.name_zh as title_zh, p.name_en as title_en,
         p.id as provider_id, p.name_zh as provider_name_zh, p.name_en as provider_name_en, p.prefecture as prefecture,
         coalesce((select max(a.created_at) from audit_log a
                   where a.target_type = 'provider' and a.target_id = p.id and a.action = 'provider.reapply'), p.created_at) as submitted_at
    from providers p where p.status = 'applied'
  union all
  select 'offering', o.id, o.title_zh, o.title_en, p.id, p.name_zh, p.name_en, p.prefecture, coalesce(o.submitted_at, o.updated_at)
    from offerings o join providers p on p.id = o.provider_id where o.status = 'submitted'
  union all
  select 'revision', r.id, o.title_zh, o.title_en, p.id, p.name_zh, p.name_en, p.prefecture, r.submitted_at
    from offering_revisions r join offerings o on o.id = r.offering_id join providers p on p.id = r.provider_id
    where r.status = 'pending'`;

function filters(opts: { scope: ScopePrefecture; kind?: QueueKind }) {
  return sql`(${opts.scope} is null or q.prefecture = ${opts.scope}) and (${opts.kind ?? null} is null or q.kind = ${opts.kind ?? null})`;
}

interface RawRow {
  kind: QueueKind;
  id: string;
  title_zh: string;
  title_en: string | null;
  provider_id: string;
  provider_name_zh: string;
  provider_name_en: string | null;
  prefecture: string;
  submitted_at: string;
}

export function listVettingQueue(db: Db, opts: { scope: ScopePrefecture; kind?: QueueKind; page: number }) {
  const where = filters(opts);
  const total = db.get<{ n: number }>(sql`select count(*) as n from (${queue}) q where ${where}`)?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  // A page past the end (a stale bookmark after decisions emptied it) shows the last page.
  const page = Math.min(opts.page, pages);
  const raw = db.all<RawRow>(
    sql`select * from (${queue}) q where ${where}
        order by q.submitted_at asc, q.kind asc, q.id asc
        limit ${QUEUE_PAGE_SIZE} offset ${(page - 1) * QUEUE_PAGE_SIZE}`,
  );
  const rows: QueueRow[] = raw.map((r) => ({
    kind: r.kind,
    id: r.id,
    titleZh: r.title_zh,
    titleEn: r.title_en,
    providerId: r.provider_id,
    providerNameZh: r.provider_name_zh,
    providerNameEn: r.provider_name_en,
    prefecture: r.prefecture,
    submittedAt: r.submitted_at,
  }));
  return { rows, total, page, pageSize: QUEUE_PAGE_SIZE };
}
