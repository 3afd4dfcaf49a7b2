import type { Db } from '../../db/client.server';
import type { Translate } from '~/i18n';
import type { Locale } from '~/i18n/locale';
import { todayInChina } from '~/domain/adoption-dates';
import { campaignPace, elapsedMonths, nextMonthStart, targetPath } from '~/domain/campaign-pace';
import { clusterName, listClusters } from '~/domain/clusters';
import { PREFECTURES, prefectureName } from '~/domain/prefectures';
import { getOpenDataCells, type CounterSnapshot } from '~/models/counter.server';
import { clusterChart, monthChart, monthRows, prefectureChart } from './counter-charts.server';
import { formatAsOf } from './counter-view.server';
import { prefectureClusterMatrix } from './matrix';

/**
 * The 企业上云 section of the monthly 信息消费评估报告, as of the end of `month`: figures are
 * summed from the counter's prefecture × cluster × month cells up to that month, so a report
 * for an earlier month shows what was counted by then (attribution to the month of each
 * enterprise's first verified event). `month` falls back to the latest month of the campaign so far.
 */
export function monthlyReport(db: Db, snapshot: CounterSnapshot, requestedMonth: string | undefined, t: Translate, locale: Locale) {
  const en = locale === 'en';
  const window = { target: snapshot.campaign.target, start: snapshot.campaign.start, end: snapshot.campaign.end };
  const today = todayInChina(new Date(snapshot.asOf));
  const months = elapsedMonths(window, today);
  const month = requestedMonth && months.includes(requestedMonth) ? requestedMonth : (months.at(-1) ?? null);
  const base = {
    campaign: { ...snapshot.campaign, label: (en ? snapshot.campaign.nameEn : null) ?? snapshot.campaign.name },
    taxonomy: snapshot.taxonomy,
    prefecture: snapshot.prefecture,
    asOf: snapshot.asOf,
    generatedText: formatAsOf(snapshot.asOf, locale, 'long'),
    months,
  };
  if (!month) return { ...base, month: null, figures: null };

  const taxonomy = snapshot.taxonomy;
  const clusters = listClusters(taxonomy);
  const prefectureCodes = PREFECTURES.filter((p) => snapshot.prefecture === null || p.code === snapshot.prefecture).map((p) => p.code);
  const cells = getOpenDataCells(db, { campaignId: snapshot.campaign.id, taxonomy }).filter((c) => prefectureCodes.includes(c.prefecture));
  const matrix = prefectureClusterMatrix(cells, { prefectures: prefectureCodes, clusters: clusters.map((c) => c.id) }, { upTo: month });

  const rows = monthRows(window, snapshot.byMonth, `${month}-01`);
  const current = rows.at(-1);
  const cumulative = current?.cumulative ?? 0;
  const newThisYear = rows.filter((r) => r.month.slice(0, 4) === month.slice(0, 4)).reduce((sum, r) => sum + r.count, 0);
  const pace = campaignPace(window, cumulative, nextMonthStart(month));
  const expected = targetPath(window).find((p) => p.month === month)?.target ?? 0;

  const clusterItems = clusters.map((c, i) => ({ id: c.id, label: clusterName(c.id, taxonomy, locale) ?? c.id, count: matrix.columnTotals[i] ?? 0 }));
  // The map always shows all 21 市州 (others at 0 for a prefecture's report).
  const prefectureItems = PREFECTURES.map((p) => ({
    id: p.code,
    label: en ? p.nameEn : p.nameZh,
    count: matrix.rows.find((r) => r.prefecture === p.code)?.total ?? 0,
  }));

  return {
    ...base,
    month,
    figures: {
      cumulative,
      newInMonth: current?.count ?? 0,
      newThisYear,
      expected,
      pace,
      months: rows,
      clusterLabels: clusterItems.map((c) => c.label),
      matrix: {
        rows: matrix.rows.map((r) => ({ ...r, label: prefectureName(r.prefecture, locale) ?? r.prefecture })),
        columnTotals: matrix.columnTotals,
        total: matrix.total,
      },
      charts: {
        month: monthChart(window, rows, t, locale),
        cluster: clusterChart(clusterItems, t, locale),
        prefecture: prefectureChart(prefectureItems, t, locale),
      },
    },
  };
}
