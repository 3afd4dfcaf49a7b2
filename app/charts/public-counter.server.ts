import type { Db } from '../../db/client.server';
import { translateError, type Translate } from '~/i18n';
import { elapsedMonths } from '~/domain/campaign-pace';
import { listClusters, type TaxonomyVersion } from '~/domain/clusters';
import { PREFECTURES } from '~/domain/prefectures';
import { completeGrid, suppressSmallCells } from '~/domain/open-data';
import { todayInChina } from '~/domain/adoption-dates';
import {
  getCounterSnapshot,
  getOpenDataCells,
  listCampaigns,
  type CounterSnapshot,
} from '~/models/counter.server';
import { CounterApiQuerySchema } from '~/schemas/dashboard';
import { toCsv } from './csv.server';
import { untilDatabaseChanges } from './counter-cache.server';
import { etagOf } from './http-cache.server';

// The public side of the counter: GET /api/counter and the open-data CSV. Aggregates only —
// never an enterprise name or USCC. The routes pass the query's parameters and a translator in
// the reader's language (app/utils/api-locale.server.ts programLocale).

type ApiError = { path: string; message: string };

type ParsedQuery = { campaign: string | undefined; taxonomy: TaxonomyVersion | undefined };

function parseQuery(
  params: URLSearchParams,
  t: Translate,
): { ok: true; query: ParsedQuery } | { ok: false; errors: ApiError[] } {
  const raw: Record<string, string> = {};
  for (const name of ['campaign', 'taxonomy']) {
    const value = params.get(name);
    if (value !== null) raw[name] = value;
  }
  const parsed = CounterApiQuerySchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => ({
        path: i.path.join('.'),
        message: translateError(t, i.message),
      })),
    };
  }
  return { ok: true, query: { campaign: parsed.data.campaign, taxonomy: parsed.data.taxonomy } };
}

/** The snapshot a valid query names; null for an unknown campaign. */
function snapshotOf(db: Db, { campaign, taxonomy }: ParsedQuery): CounterSnapshot | null {
  if (campaign && !listCampaigns(db).some((c) => c.id === campaign)) return null;
  return getCounterSnapshot(db, { campaignId: campaign, taxonomy, prefecture: null });
}

function unknownCampaign(t: Translate): ApiError[] {
  return [{ path: 'campaign', message: t('dashboard.api.unknownCampaign') }];
}

function readQuery(
  db: Db,
  params: URLSearchParams,
  t: Translate,
): { ok: true; snapshot: CounterSnapshot } | { ok: false; errors: ApiError[] } {
  const parsed = parseQuery(params, t);
  if (!parsed.ok) return parsed;
  const snapshot = snapshotOf(db, parsed.query);
  return snapshot ? { ok: true, snapshot } : { ok: false, errors: unknownCampaign(t) };
}

/** The body of GET /api/counter, exactly the contract's shape (Chinese names, as the contract shows). */
export function counterApiBody(db: Db, params: URLSearchParams, t: Translate) {
  const query = readQuery(db, params, t);
  if (!query.ok) return { status: 400 as const, body: { errors: query.errors } };
  const s = query.snapshot;
  return {
    status: 200 as const,
    body: {
      campaign: {
        id: s.campaign.id,
        name: s.campaign.name,
        target: s.campaign.target,
        start: s.campaign.start,
        end: s.campaign.end,
      },
      total: s.total,
      asOf: s.asOf,
      byCluster: s.byCluster.map((c) => ({ id: c.id, name: c.name, count: c.count })),
      byPrefecture: s.byPrefecture.map((p) => ({ code: p.code, name: p.name, count: p.count })),
      byLevel: s.byLevel.map((l) => ({ level: l.level, count: l.count })),
      byMonth: s.byMonth.map((m) => ({ month: m.month, count: m.count, cumulative: m.cumulative })),
    },
  };
}

export const OPEN_DATA_HEADER = [
  'prefecture_code',
  'prefecture_name',
  'cluster_id',
  'cluster_name',
  'month',
  'count',
] as const;

/**
 * The open-data file: every prefecture × cluster × month of the campaign so far, small cells
 * suppressed (app/domain/open-data.ts: '<3', and 'x' where a '<3' could otherwise be derived).
 * Header and codes are stable English identifiers; names are Chinese, as in the public API.
 * Built once per database change and day (counter-cache.server.ts), with its ETag.
 */
export function openDataCsv(
  db: Db,
  params: URLSearchParams,
  t: Translate,
  now = new Date(),
): { status: 200; csv: string; etag: string; fileName: string } | { status: 400; errors: ApiError[] } {
  const parsed = parseQuery(params, t);
  if (!parsed.ok) return { status: 400, errors: parsed.errors };
  const { campaign, taxonomy } = parsed.query;
  const file = untilDatabaseChanges(
    db,
    `open-data|${todayInChina(now)}|${campaign ?? ''}|${taxonomy ?? ''}`,
    () => {
      const s = snapshotOf(db, parsed.query);
      if (!s) return null;
      const csv = buildOpenDataCsv(db, s);
      return { csv, etag: etagOf(csv), fileName: `yunqiao-open-data-${s.campaign.id}-${s.taxonomy}.csv` };
    },
  );
  return file ? { status: 200, ...file } : { status: 400, errors: unknownCampaign(t) };
}

function buildOpenDataCsv(db: Db, s: CounterSnapshot): string {
  const clusters = listClusters(s.taxonomy);
  const months = elapsedMonths(s.campaign, todayInChina(new Date(s.asOf)));
  const grid = completeGrid(getOpenDataCells(db, { campaignId: s.campaign.id, taxonomy: s.taxonomy }), {
    prefectures: PREFECTURES.map((p) => p.code),
    clusters: clusters.map((c) => c.id),
    months,
  });
  const prefectureNames = new Map(PREFECTURES.map((p) => [p.code, p.nameZh]));
  const clusterNames = new Map(clusters.map((c) => [c.id, c.nameZh]));
  const rows = suppressSmallCells(grid).map((c) => [
    c.prefecture,
    prefectureNames.get(c.prefecture) ?? '',
    c.cluster,
    clusterNames.get(c.cluster) ?? '',
    c.month,
    c.value,
  ]);
  return toCsv(OPEN_DATA_HEADER, rows);
}
