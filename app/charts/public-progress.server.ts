import type { Db } from '../../db/client.server';
import { translator, type Locale } from '~/i18n';
import { todayInChina } from '~/domain/adoption-dates';
import type { TaxonomyVersion } from '~/domain/clusters';
import { getCounterSnapshot } from '~/models/counter.server';
import type { RenderedChart } from './chart-spec';
import { untilDatabaseChanges } from './counter-cache.server';
import { campaignOptions, resolveCampaign } from './counter-scope.server';
import { counterView, formatAsOf, type CounterChartName } from './counter-view.server';

// The public progress page (/progress) and its chart images (/charts/counter/:chart): the
// province's counter, computed once per database change, day and language, and shared by
// every visitor (counter-cache.server.ts). Aggregates only — never an enterprise.

export interface PublicCounterQuery {
  /** As asked; an unknown id falls back to the current campaign, as on the officials' pages. */
  campaign: string | undefined;
  taxonomy: TaxonomyVersion;
}

function publicCounter(db: Db, query: PublicCounterQuery, locale: Locale, now: Date) {
  const key = `progress|${todayInChina(now)}|${query.campaign ?? ''}|${query.taxonomy}|${locale}`;
  return untilDatabaseChanges(db, key, () => {
    const { campaigns, campaignId } = resolveCampaign(db, query.campaign);
    const snapshot = getCounterSnapshot(db, { campaignId, taxonomy: query.taxonomy, prefecture: null });
    if (!snapshot) return null;
    const t = translator(locale);
    return {
      campaigns: campaignOptions(campaigns, t, locale),
      /** Whether the campaign asked for exists (the images answer 404 for an unknown one). */
      known: !query.campaign || campaignId !== undefined,
      view: counterView(snapshot, t, locale),
    };
  });
}

/**
 * What the progress page shows, as of `now`: the numbers are those of the last database change,
 * so they are current, and the time shown is the time of asking. null when there is no campaign.
 */
export function publicProgress(db: Db, query: PublicCounterQuery, locale: Locale, now = new Date()) {
  const counter = publicCounter(db, query, locale, now);
  if (!counter) return null;
  const asOf = now.toISOString();
  return {
    campaigns: counter.campaigns,
    view: { ...counter.view, asOf, asOfText: formatAsOf(asOf, locale) },
  };
}

/** One chart of the public counter; null for an unknown campaign. */
export function publicChart(
  db: Db,
  name: CounterChartName,
  query: PublicCounterQuery,
  locale: Locale,
  now = new Date(),
): RenderedChart | null {
  const counter = publicCounter(db, query, locale, now);
  return counter?.known ? counter.view.charts[name] : null;
}
