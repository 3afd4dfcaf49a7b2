import type { Db } from '../../db/client.server';
import type { Locale, Translate } from '~/i18n';
import { listClusters, type TaxonomyVersion } from '~/domain/clusters';
import { listCampaigns } from '~/models/counter.server';

/** The campaigns to choose from, and the requested one when it exists (else undefined: the current one). */
export function resolveCampaign(db: Db, requested: string | undefined) {
  const campaigns = listCampaigns(db);
  const campaignId = requested && campaigns.some((c) => c.id === requested) ? requested : undefined;
  return { campaigns, campaignId };
}

/** The campaign choices of a counter page, in the reader's language; one still being counted says so. */
export function campaignOptions(campaigns: ReturnType<typeof listCampaigns>, t: Translate, locale: Locale) {
  return campaigns.map((c) => {
    const name = (locale === 'en' ? c.nameEn : null) ?? c.name;
    return { id: c.id, label: c.countsStatus === 'building' ? `${name}（${t('campaigns.building')}）` : name };
  });
}

/** A cluster id of the taxonomy version, or undefined. */
export function validCluster(cluster: string | undefined, taxonomy: TaxonomyVersion): string | undefined {
  return cluster && listClusters(taxonomy).some((c) => c.id === cluster) ? cluster : undefined;
}
