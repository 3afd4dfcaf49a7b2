import { useT } from '~/i18n/use-t';

/** Said wherever a campaign's figures are shown while they are still being built from the ledger. */
export function CampaignCountingNotice({ counting }: { counting: { done: number; total: number } | null }) {
  const t = useT();
  if (!counting) return null;
  return (
    <p role="status" className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="campaign-counting">
      <strong className="mr-1">{t('campaigns.building')}</strong>
      {t('campaigns.buildingNotice', { done: counting.done, total: counting.total })}
    </p>
  );
}
