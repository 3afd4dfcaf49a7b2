import { parseWithZod } from '~/schemas/parse.server';
import { useServerForm } from '~/components/server-form';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import {
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
} from '@remix-run/react';
import { AuditHistory } from '~/components/audit-history';
import { VettingDecision } from '~/components/vetting-decision';
import { FlashMessage } from '~/components/flash-message';
import { OfferingDiffView } from '~/components/offering-diff';
import { formatDateTime } from '~/components/offering-form';
import { PROVIDER_STATUSES, vocabularyName } from '~/domain/catalog-vocabulary';
import { prefectureName } from '~/domain/prefectures';
import { useLocale, useT } from '~/i18n/use-t';
import { decideRevision, getRevisionForVetting } from '~/models/offering-revisions.server';
import { RevisionDecisionSchema } from '~/schemas/vetting.server';
import { notFound, requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { readFlashMessage, redirectWithFlash } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official']);
  // Out of scope reads exactly like missing.
  const found = getRevisionForVetting(getDb(), user.scopePrefecture, params.revisionId ?? '');
  if (!found) notFound();
  const { t } = await getTranslator(request, user);
  const { flash, headers } = await readFlashMessage(request);
  return data(
    { title: `${t('official.revisionTitle', { title: found.offering.titleZh })} · ${t('app.name')}`, ...found, flash },
    { headers },
  );
}

const FAILURE_MESSAGES = {
  notPending: 'official.revisionNotPending',
  revisionChanged: 'official.revisionChanged',
  offeringNotPublished: 'official.offeringNotPublished',
  providerNotApproved: 'official.providerNotApproved',
} as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const db = getDb();
  const revisionId = params.revisionId ?? '';
  if (!getRevisionForVetting(db, user.scopePrefecture, revisionId)) notFound();
  const submission = parseWithZod(await request.formData(), { schema: RevisionDecisionSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const result = decideRevision(db, { scope: user.scopePrefecture, revisionId, decision: submission.value, actorUserId: user.id });
  if (!result.ok) {
    if (result.error === 'notFound') notFound();
    return data(submission.reply({ formErrors: [FAILURE_MESSAGES[result.error]] }), { status: 409 });
  }
  return redirectWithFlash(
    `/official/revisions/${revisionId}`,
    submission.value.intent === 'approve' ? 'official.done.revisionApprove' : 'official.done.revisionReject',
  );
}

export default function OfficialRevision() {
  const { revision, offering, provider, diff, history, flash } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useServerForm<{ intent: string; version: string; reason?: string }>({
    lastResult,
  });
  const busy = navigation.state === 'submitting';
  const title = locale === 'en' && offering.titleEn ? offering.titleEn : offering.titleZh;
  const providerName = locale === 'en' && provider.nameEn ? provider.nameEn : provider.nameZh;
  const pending = revision.status === 'pending';

  return (
    <section>
      <Link to="/official/queue" className="link text-sm">
        ← {t('official.backToQueue')}
      </Link>
      <h1 className="mt-2 text-2xl font-bold" data-testid="console-title">
        {t('official.revisionTitle', { title })}
      </h1>
      <p className="mt-1 text-sm text-slate-700">
        <span data-testid="revision-status">
          {t('official.revisionStatus', { status: t(`official.revisionStatus.${revision.status}`) })}
        </span>
        {' · '}
        {t('official.revisionSubmittedAt', { time: formatDateTime(revision.submittedAt, locale) })}
        {revision.decidedAt ? ` · ${t('official.revisionDecidedAt', { time: formatDateTime(revision.decidedAt, locale) })}` : null}
      </p>
      <div className="mt-4">
        <FlashMessage message={flash} />
      </div>

      <div className="grid gap-4 lg:grid-cols-3">
        <div className="card space-y-3 lg:col-span-2">
          <h2 className="text-lg font-semibold">{t('provider.diff.title')}</h2>
          {pending ? <p className="text-sm text-slate-700">{t('official.revisionLead')}</p> : null}
          <OfferingDiffView diff={diff} />
          {revision.reviewReason ? (
            <p className="text-sm text-slate-900">{`${t('official.statusReason')}：${revision.reviewReason}`}</p>
          ) : null}
        </div>

        <div className="space-y-4">
          <div className="card text-sm">
            <h2 className="mb-2 text-lg font-semibold">{t('official.provider')}</h2>
            <p>
              <Link to={`/official/providers/${provider.id}`} className="link">
                {providerName}
              </Link>
            </p>
            <p className="mt-1 font-mono text-xs text-slate-700">{provider.uscc}</p>
            <p className="mt-1 text-slate-700">{prefectureName(provider.prefecture, locale) ?? provider.prefecture}</p>
            <p className="mt-1 text-slate-700">
              {t('official.statusLine', { status: vocabularyName(PROVIDER_STATUSES, provider.status, locale) })}
            </p>
            <p className="mt-3">
              <Link to={`/official/offerings/${offering.id}`} className="link">
                {t('official.viewOffering')}
              </Link>
              <span className="ml-2 font-mono text-xs text-slate-700">{offering.externalId}</span>
            </p>
          </div>
          <VettingDecision
            form={form}
            reason={fields.reason}
            busy={busy}
            closed={pending ? null : t('official.revisionNotPending')}
            providerApproved={provider.status === 'approved'}
            approveLabel={t('official.approveRevision')}
            approveHint={t('official.approveRevisionHint')}
            rejectTitle={t('official.rejectRevisionTitle')}
            rejectHint={t('official.rejectRevisionHint')}
            version={revision.updatedAt}
          />
        </div>
      </div>

      <AuditHistory entries={history} />
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
