import { parseWithZod } from '~/schemas/parse.server';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { FlashMessage } from '~/components/flash-message';
import { FormErrors } from '~/components/form';
import { OfferingDetails, OfferingForm, OfferingStatusBadge, formatDateTime } from '~/components/offering-form';
import { RevisionPanel } from '~/components/offering-revision';
import type { MessageKey } from '~/i18n';
import { useLocale, useT } from '~/i18n/use-t';
import { proposeRevision, revisionViewFor, withdrawRevision } from '~/models/offering-revisions.server';
import { archiveOffering, deleteOffering, getOwnOffering, submitOffering, updateOffering, type OfferingActionResult } from '~/models/offerings.server';
import {
  OfferingSchema,
  canArchiveOffering,
  canDeleteOffering,
  canEditOffering,
  canSubmitOffering,
  offeringToFormValue,
  providerCanPrepare,
  providerCanSubmit,
} from '~/schemas/offerings.server';
import { notFound, requireProviderAccount } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { readFlashMessage, redirectWithFlash } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { user, provider } = await requireProviderAccount(request);
  // Another provider's offering is answered exactly like a missing one.
  const offering = getOwnOffering(db, { providerId: provider.id, offeringId: params.offeringId ?? '' });
  if (!offering) notFound();
  const { t } = await getTranslator(request, user);
  const prepare = providerCanPrepare(provider.status);
  const published = offering.status === 'published';
  // A published offering is edited through its revision: the form starts from the pending (or
  // rejected) revision when there is one, else from the published version.
  const revisionView = published ? revisionViewFor(db, offering) : null;
  const revised = revisionView?.revision.snapshot;
  const { flash, headers } = await readFlashMessage(request);
  return data({
    flash,
    title: `${offering.titleZh} · ${t('app.name')}`,
    offering,
    revisionView,
    formValue: offeringToFormValue(revised ? { ...revised, externalId: offering.externalId } : offering),
    providerApproved: providerCanSubmit(provider.status),
    providerSuspended: !prepare,
    can: {
      edit: prepare && canEditOffering(offering.status),
      revise: published && providerCanSubmit(provider.status),
      withdraw: revisionView?.revision.status === 'pending',
      submit: prepare && canSubmitOffering(offering.status),
      delete: canDeleteOffering(offering.status),
      archive: canArchiveOffering(offering.status),
    },
  }, { headers });
}

/** A model's answer: on success the page `to` with the message `flash`, else the reason. */
function answer(result: OfferingActionResult, to: string, flash: MessageKey) {
  if (result.ok) return redirectWithFlash(to, flash);
  if (result.reason === 'notFound') notFound();
  const status = result.reason === 'incomplete' ? 400 : 409;
  return data({ actionErrors: [`provider.error.${result.reason}`, ...(result.problems ?? [])] }, { status });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { user, provider } = await requireProviderAccount(request);
  const offeringId = params.offeringId ?? '';
  const current = getOwnOffering(db, { providerId: provider.id, offeringId });
  if (!current) notFound();
  const opts = { providerId: provider.id, offeringId, actorUserId: user.id };
  const here = `/provider/offerings/${offeringId}`;
  const formData = await request.formData();
  switch (formData.get('_action')) {
    case 'submit':
      return answer(submitOffering(db, opts), here, 'provider.detail.submitted');
    case 'delete':
      return answer(deleteOffering(db, opts), '/provider/offerings', 'provider.offerings.deleted');
    case 'archive':
      return answer(archiveOffering(db, opts), here, 'provider.detail.archived');
    case 'withdraw':
      return answer(withdrawRevision(db, opts), here, 'provider.detail.revisionWithdrawn');
  }
  const submission = parseWithZod(formData, { schema: OfferingSchema });
  // No status = a list intent (add/remove a plan) sent without JavaScript: answer the changed form.
  if (submission.status === undefined) return data(submission.reply(), { status: 200 });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  if (current.status === 'published') {
    const revision = proposeRevision(db, { ...opts, input: submission.value });
    if (revision.ok) return redirectWithFlash(here, 'provider.detail.revised');
    if (revision.reason === 'notFound') notFound();
    if (revision.reason === 'invalid') return data(submission.reply({ fieldErrors: revision.fieldErrors }), { status: 400 });
    const message = revision.reason === 'providerNotApproved' ? 'providerNotApprovedRevision' : revision.reason;
    return data(submission.reply({ formErrors: [`provider.error.${message}`] }), { status: revision.reason === 'noChanges' ? 400 : 409 });
  }
  const result = updateOffering(db, { ...opts, input: submission.value });
  if (result.ok) return redirectWithFlash(here, 'provider.detail.saved');
  if (result.reason === 'notFound') notFound();
  if (result.reason === 'invalid') return data(submission.reply({ fieldErrors: result.fieldErrors }), { status: 400 });
  return data(submission.reply({ formErrors: [`provider.error.${result.reason}`] }), { status: 409 });
}

export default function OfferingPage() {
  const { offering, revisionView, formValue, can, providerApproved, providerSuspended, flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const actionErrors = actionData && 'actionErrors' in actionData ? actionData.actionErrors : undefined;
  const lastResult = actionData && !('actionErrors' in actionData) ? actionData : undefined;
  const showReason = offering.reviewReason && (offering.status === 'rejected' || offering.status === 'draft');
  return (
    <section className="max-w-4xl space-y-4">
      <p>
        <Link to="/provider/offerings" className="link text-sm">
          {t('provider.backToList')}
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 data-testid="console-title" className="text-2xl font-bold">
          {locale === 'en' && offering.titleEn ? offering.titleEn : offering.titleZh}
        </h1>
        <OfferingStatusBadge status={offering.status} />
        {revisionView ? (
          <span className={`badge ${revisionView.revision.status === 'pending' ? 'bg-amber-100 text-amber-900' : 'bg-red-100 text-red-900'}`}>
            {t(revisionView.revision.status === 'pending' ? 'provider.revision.pendingBadge' : 'provider.revision.rejectedBadge')}
          </span>
        ) : null}
      </div>
      <FlashMessage message={flash} />
      <FormErrors errors={actionErrors} />
      <div className="text-sm text-slate-700">
        <p>{t(`provider.offeringHelp.${offering.status}`)}</p>
        {providerSuspended ? <p className="mt-1 font-medium text-red-800">{t('provider.detail.suspended')}</p> : null}
        {offering.submittedAt ? <p className="mt-1">{`${t('provider.detail.submittedAt')}：${formatDateTime(offering.submittedAt, locale)}`}</p> : null}
        {offering.publishedAt ? <p className="mt-1">{`${t('provider.detail.publishedAt')}：${formatDateTime(offering.publishedAt, locale)}`}</p> : null}
      </div>
      {showReason ? (
        <p className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          {t('provider.detail.reviewReason', { reason: offering.reviewReason ?? '' })}
        </p>
      ) : null}

      {revisionView ? <RevisionPanel revision={revisionView.revision} diff={revisionView.diff} canWithdraw={can.withdraw} /> : null}

      {can.edit ? (
        <>
          <h2 className="text-lg font-semibold">{t('provider.detail.edit')}</h2>
          <OfferingForm
            key={offering.id}
            lastResult={lastResult}
            defaultValue={formValue}
            submitLabel={t('provider.new.submit')}
            submitting={navigation.state === 'submitting'}
          />
        </>
      ) : (
        <OfferingDetails offering={offering} heading={offering.status === 'published' ? t('provider.revision.published') : undefined} />
      )}

      {can.revise ? (
        <section className="space-y-2" aria-labelledby="revise-heading">
          <h2 id="revise-heading" className="text-lg font-semibold">
            {t('provider.revision.edit')}
          </h2>
          <p className="text-sm text-slate-700">{t('provider.revision.editHint')}</p>
          <OfferingForm
            // A new revision version resets the form to what was saved.
            key={`${offering.id}:${revisionView?.revision.updatedAt ?? ''}`}
            lastResult={lastResult}
            defaultValue={formValue}
            lockExternalId
            submitLabel={t(revisionView?.revision.status === 'pending' ? 'provider.revision.update' : 'provider.revision.submit')}
            submitting={navigation.state === 'submitting'}
          />
        </section>
      ) : offering.status === 'published' && !providerSuspended ? (
        <p className="text-sm text-slate-700">{t('provider.revision.cannotEdit')}</p>
      ) : null}

      {can.submit || can.delete || can.archive ? (
        <section className="card space-y-4" aria-labelledby="manage-heading">
          <h2 id="manage-heading" className="text-lg font-semibold">
            {t('provider.detail.actions')}
          </h2>
          {can.submit ? (
            providerApproved ? (
              <Form method="post">
                <p className="mb-2 text-sm text-slate-700">{t('provider.detail.submitHint')}</p>
                <button type="submit" name="_action" value="submit" className="btn-primary">
                  {t('provider.detail.submit')}
                </button>
              </Form>
            ) : (
              <p className="text-sm text-slate-700">{t('provider.detail.submitNeedsApproval')}</p>
            )
          ) : null}
          {can.archive ? (
            <Form method="post">
              <p className="mb-2 text-sm text-slate-700">{t('provider.detail.archiveHint')}</p>
              <button type="submit" name="_action" value="archive" className="btn-secondary">
                {t('provider.detail.archive')}
              </button>
            </Form>
          ) : null}
          {can.delete ? (
            // A <details> confirmation: a second, deliberate click that needs no JavaScript.
            <details className="rounded-md border border-red-200 p-3">
              <summary className="cursor-pointer text-sm font-medium text-red-800">{t('provider.detail.delete')}</summary>
              <Form method="post" className="mt-3">
                <p className="mb-2 text-sm text-slate-800">{t('provider.detail.deleteConfirmText', { title: offering.titleZh })}</p>
                <button type="submit" name="_action" value="delete" className="btn-danger">
                  {t('provider.detail.deleteConfirm')}
                </button>
              </Form>
            </details>
          ) : null}
        </section>
      ) : null}
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
