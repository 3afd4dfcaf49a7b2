import { CLUSTER_TAXONOMIES, TAXONOMY_VERSIONS, type TaxonomyVersion } from '~/domain/clusters';
import { useLocale, useT } from '~/i18n/use-t';

/** The campaign and taxonomy choosers shared by the officials' dashboard and the public page. */
export function CampaignTaxonomyFields(props: {
  idPrefix: string;
  campaigns: readonly { id: string; label: string }[];
  campaign: string;
  taxonomy: TaxonomyVersion;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <div>
        <label htmlFor={`${props.idPrefix}-campaign`} className="label">
          {t('dashboard.campaign')}
        </label>
        <select id={`${props.idPrefix}-campaign`} name="campaign" defaultValue={props.campaign} className="input">
          {props.campaigns.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${props.idPrefix}-taxonomy`} className="label">
          {t('dashboard.taxonomy')}
        </label>
        <select id={`${props.idPrefix}-taxonomy`} name="taxonomy" defaultValue={props.taxonomy} className="input">
          {TAXONOMY_VERSIONS.map((v) => (
            <option key={v} value={v}>
              {v} · {locale === 'en' ? CLUSTER_TAXONOMIES[v].nameEn : CLUSTER_TAXONOMIES[v].nameZh}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
