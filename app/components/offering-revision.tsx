import { Form } from '@remix-run/react';
import type { OfferingDiff } from '~/domain/offering-diff';
import { useLocale, useT } from '~/i18n/use-t';
import { OfferingDiffView } from './offering-diff';
import { formatDateTime } from './offering-form';

/**
 * The provider's view of its open revision of a published offering: pending (修改待审核, with
 * the proposed values and a withdraw button) or rejected (with the official's reason).
 */
export function RevisionPanel(props: {
  revision: { status: 'pending' | 'approved' | 'rejected' | 'withdrawn'; reviewReason: string | null; submittedAt: string };
  diff: OfferingDiff;
  canWithdraw: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const pending = props.revision.status === 'pending';
  return (
    <section
      className={`card space-y-3 border-2 ${pending ? 'border-amber-300' : 'border-red-300'}`}
      aria-labelledby="revision-heading"
      data-testid="revision-panel"
    >
      <h2 id="revision-heading" className="text-lg font-semibold">
        {t(pending ? 'provider.revision.pendingTitle' : 'provider.revision.rejectedTitle')}
      </h2>
      {!pending && props.revision.reviewReason ? (
        <p className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900" data-testid="revision-reason">
          {t('provider.revision.reason', { reason: props.revision.reviewReason })}
        </p>
      ) : null}
      <p className="text-sm text-slate-700">{t(pending ? 'provider.revision.pendingText' : 'provider.revision.rejectedText')}</p>
      <p className="text-sm text-slate-700">{`${t('provider.revision.submittedAt')}：${formatDateTime(props.revision.submittedAt, locale)}`}</p>
      <h3 className="font-semibold">{t('provider.diff.title')}</h3>
      <OfferingDiffView diff={props.diff} />
      {props.canWithdraw ? (
        <Form method="post" className="border-t border-slate-200 pt-3">
          <p className="mb-2 text-sm text-slate-700">{t('provider.revision.withdrawHint')}</p>
          <button type="submit" name="_action" value="withdraw" className="btn-secondary">
            {t('provider.revision.withdraw')}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
