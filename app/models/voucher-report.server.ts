import { and, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.server';
import { enterprises, voucherClaims } from '../../db/schema';
import { clusterOf, DEFAULT_TAXONOMY, listClusters } from '~/domain/clusters';
import { PREFECTURES, prefectureName } from '~/domain/prefectures';
import type { VoucherClaimStatus, VoucherTotals } from '~/domain/vouchers';
import type { Translate } from '~/i18n';
import type { Locale } from '~/i18n/locale';
import type { CsvValue } from '~/charts/csv.server';
import { totalsOf, type Programme } from './voucher-programmes.server';

// A voucher programme's money by the claimants' prefecture (市州) and industry cluster (the
// current provincial taxonomy, as the dashboard reports), for the officials' page and its CSV.
// A prefecture official reading a provincial programme sees the programme's totals (its budget is
// one pot) but the breakdown of its own prefecture only.

export interface ReportRow {
  code: string;
  committedFen: number;
  paidOutFen: number;
  releasedFen: number;
  claims: number;
}

export interface ProgrammeReport {
  totals: VoucherTotals;
  /** The prefecture the breakdown is limited to (a prefecture official's), or null (all). */
  scopedTo: string | null;
  byPrefecture: ReportRow[];
  byCluster: ReportRow[];
  taxonomy: typeof DEFAULT_TAXONOMY;
}

const empty = (code: string): ReportRow => ({ code, committedFen: 0, paidOutFen: 0, releasedFen: 0, claims: 0 });

function add(row: ReportRow, status: VoucherClaimStatus, fen: number, claims: number) {
  if (status === 'committed') row.committedFen += fen;
  else if (status === 'paid_out') row.paidOutFen += fen;
  else row.releasedFen += fen;
  row.claims += claims;
}

export function programmeReport(db: Db, programme: Programme, opts: { prefecture: string | null }): ProgrammeReport {
  const sums = db
    .select({
      prefecture: enterprises.prefecture,
      industry: enterprises.industry,
      status: voucherClaims.status,
      fen: sql<number>`sum(${voucherClaims.amountFen})`,
      claims: count(),
    })
    .from(voucherClaims)
    .innerJoin(enterprises, eq(enterprises.id, voucherClaims.enterpriseId))
    .where(
      and(
        eq(voucherClaims.programmeId, programme.id),
        opts.prefecture === null ? undefined : eq(enterprises.prefecture, opts.prefecture),
      ),
    )
    .groupBy(enterprises.prefecture, enterprises.industry, voucherClaims.status)
    .all();

  // Every prefecture the programme covers is listed (0s included), then any other a claim came from.
  const covered = opts.prefecture !== null ? [opts.prefecture] : programme.prefectureCodes.length ? programme.prefectureCodes : PREFECTURES.map((p) => p.code);
  const byPrefecture = new Map(covered.map((code) => [code, empty(code)]));
  const byCluster = new Map(listClusters(DEFAULT_TAXONOMY).map((c) => [c.id, empty(c.id)]));
  for (const s of sums) {
    if (!byPrefecture.has(s.prefecture)) byPrefecture.set(s.prefecture, empty(s.prefecture));
    add(byPrefecture.get(s.prefecture)!, s.status, s.fen, s.claims);
    add(byCluster.get(clusterOf(s.industry, DEFAULT_TAXONOMY))!, s.status, s.fen, s.claims);
  }
  return {
    totals: totalsOf(db, [programme]).get(programme.id)!,
    scopedTo: opts.prefecture,
    byPrefecture: [...byPrefecture.values()],
    byCluster: [...byCluster.values()],
    taxonomy: DEFAULT_TAXONOMY,
  };
}

/** Fen as a plain decimal number of 元 ('1234.50'), which spreadsheets read as a number. */
export function yuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * The report as CSV rows (csv.server.ts adds the BOM): the programme's totals first, then one row
 * per prefecture and per cluster, amounts in 元.
 */
export function programmeReportCsv(
  programme: Programme,
  report: ProgrammeReport,
  opts: { t: Translate; locale: Locale },
): { header: string[]; rows: CsvValue[][] } {
  const { t, locale } = opts;
  const header = [
    t('vouchers.csv.group'),
    t('vouchers.csv.code'),
    t('vouchers.csv.name'),
    t('vouchers.csv.budget'),
    t('vouchers.csv.committed'),
    t('vouchers.csv.paidOut'),
    t('vouchers.csv.released'),
    t('vouchers.csv.remaining'),
    t('vouchers.csv.claims'),
  ];
  const { totals } = report;
  const rows: CsvValue[][] = [
    [
      t('vouchers.csv.programme'),
      programme.id,
      programme.name,
      yuanText(totals.budgetFen),
      yuanText(totals.committedFen),
      yuanText(totals.paidOutFen),
      yuanText(totals.releasedFen),
      yuanText(totals.remainingFen),
      totals.claims,
    ],
  ];
  const line = (group: string, name: string, r: ReportRow): CsvValue[] => [
    group,
    r.code,
    name,
    null,
    yuanText(r.committedFen),
    yuanText(r.paidOutFen),
    yuanText(r.releasedFen),
    null,
    r.claims,
  ];
  for (const r of report.byPrefecture) rows.push(line(t('vouchers.csv.prefecture'), prefectureName(r.code, locale) ?? r.code, r));
  const clusters = listClusters(report.taxonomy);
  for (const r of report.byCluster) {
    const c = clusters.find((x) => x.id === r.code);
    rows.push(line(t('vouchers.csv.cluster'), c ? (locale === 'en' ? c.nameEn : c.nameZh) : r.code, r));
  }
  return { header, rows };
}
