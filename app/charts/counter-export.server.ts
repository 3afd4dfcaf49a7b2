import type { CountKind } from '~/domain/adoption-counting';
import type { Db } from '../../db/client.server';
import { todayInChina } from '~/domain/adoption-dates';
import type { Translate } from '~/i18n';
import type { Locale } from '~/i18n/locale';
import { levelName, isAdoptionLevel } from '~/domain/adoption-levels';
import { clusterName, listClusters, type TaxonomyVersion } from '~/domain/clusters';
import { industryName } from '~/domain/industries';
import { PREFECTURES, prefectureName } from '~/domain/prefectures';
import { getOpenDataCells, listCountedEnterprises, type CounterSnapshot } from '~/models/counter.server';
import type { ExportTable } from '~/schemas/dashboard';
import { monthRows } from './counter-charts.server';
import type { CsvValue } from './csv.server';
import { prefectureClusterMatrix } from './matrix';

/** Which enterprises the `enterprises` export lists: the drill-down page's query. */
interface EnterpriseCell {
  cluster?: string;
  level?: string;
  month?: string;
  through?: string;
  kind?: CountKind;
}

// The officials' CSV exports: one per table of the dashboard, the prefecture × cluster table of
// the report, and the enterprises behind a drill-down. Headers in the reader's language, codes
// beside names so a spreadsheet can join them with other data.

export interface CsvTable {
  header: string[];
  rows: CsvValue[][];
}

const ENTERPRISE_CHUNK = 1000;

export function counterTableCsv(
  db: Db,
  table: ExportTable,
  snapshot: CounterSnapshot,
  opts: { t: Translate; locale: Locale; cell?: EnterpriseCell },
): CsvTable {
  const { t, locale } = opts;
  const en = locale === 'en';
  switch (table) {
    case 'prefecture':
      return {
        header: [t('dashboard.colCode'), t('dashboard.colPrefecture'), t('dashboard.colCount')],
        rows: snapshot.byPrefecture.map((p) => [p.code, en ? p.nameEn : p.name, p.count]),
      };
    case 'cluster':
      return {
        header: [t('dashboard.colCode'), t('dashboard.colCluster'), t('dashboard.colCount')],
        rows: snapshot.byCluster.map((c) => [c.id, en ? c.nameEn : c.name, c.count]),
      };
    case 'level':
      return {
        header: [t('dashboard.colCode'), t('dashboard.colLevel'), t('dashboard.colCount')],
        rows: snapshot.byLevel.map((l) => [l.level, en ? l.nameEn : l.name, l.count]),
      };
    case 'month': {
      const window = { target: snapshot.campaign.target, start: snapshot.campaign.start, end: snapshot.campaign.end };
      const rows = monthRows(window, snapshot.byMonth, todayInChina(new Date(snapshot.asOf)));
      return {
        header: [t('dashboard.colMonth'), t('dashboard.colNew'), t('dashboard.colCumulative'), t('dashboard.colTarget')],
        rows: rows.map((r) => [r.month, r.count, r.cumulative, r.target]),
      };
    }
    case 'prefecture-cluster':
      // With a month: the report's table as of the end of that month.
      return matrixCsv(db, snapshot, t, locale, opts.cell?.month);
    case 'enterprises':
      return enterprisesCsv(db, snapshot, opts.cell ?? {}, t, locale);
  }
}

export function matrixCsv(db: Db, snapshot: CounterSnapshot, t: Translate, locale: Locale, upTo?: string): CsvTable {
  const taxonomy = snapshot.taxonomy;
  const clusters = listClusters(taxonomy);
  const prefectures = PREFECTURES.filter((p) => snapshot.prefecture === null || p.code === snapshot.prefecture).map((p) => p.code);
  const matrix = prefectureClusterMatrix(getOpenDataCells(db, { campaignId: snapshot.campaign.id, taxonomy }), { prefectures, clusters: clusters.map((c) => c.id) }, { upTo });
  const names = clusters.map((c) => clusterName(c.id, taxonomy, locale) ?? c.id);
  return {
    header: [t('dashboard.colCode'), t('dashboard.colPrefecture'), ...names, t('dashboard.total')],
    rows: [
      ...matrix.rows.map((r) => [r.prefecture, prefectureName(r.prefecture, locale) ?? r.prefecture, ...r.counts, r.total]),
      ['', t('dashboard.total'), ...matrix.columnTotals, matrix.total],
    ],
  };
}

function enterprisesCsv(
  db: Db,
  snapshot: CounterSnapshot,
  cell: EnterpriseCell,
  t: Translate,
  locale: Locale,
): CsvTable {
  const taxonomy: TaxonomyVersion = snapshot.taxonomy;
  const rows: CsvValue[][] = [];
  for (let page = 1; ; page++) {
    const chunk = listCountedEnterprises(db, {
      campaignId: snapshot.campaign.id,
      taxonomy,
      prefecture: snapshot.prefecture,
      cluster: cell.cluster,
      level: cell.level && isAdoptionLevel(cell.level) ? cell.level : undefined,
      month: cell.month,
      through: cell.through,
      kind: cell.kind,
      page,
      pageSize: ENTERPRISE_CHUNK,
    });
    for (const r of chunk.rows) {
      rows.push([
        r.uscc,
        r.name,
        r.prefecture,
        prefectureName(r.prefecture, locale) ?? r.prefecture,
        r.industry,
        industryName(r.industry, locale) ?? r.industry,
        clusterName(r.cluster, taxonomy, locale) ?? r.cluster,
        levelName(r.level, locale),
        r.month,
        r.firstEventId,
      ]);
    }
    if (chunk.rows.length < ENTERPRISE_CHUNK || page * ENTERPRISE_CHUNK >= chunk.total) break;
  }
  return {
    header: [
      t('dashboard.colUscc'),
      t('dashboard.colEnterprise'),
      t('dashboard.colCode'),
      t('dashboard.colPrefecture'),
      t('dashboard.colIndustryCode'),
      t('dashboard.colIndustry'),
      t('dashboard.colCluster'),
      t('dashboard.colLevel'),
      t('dashboard.colMonth'),
      t('dashboard.colFirstEvent'),
    ],
    rows,
  };
}
