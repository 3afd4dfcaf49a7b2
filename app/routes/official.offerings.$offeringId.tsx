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
import { levelName } from '~/domain/adoption-levels';
import {
  BILLING_CYCLES,
  CATEGORIES,
  OFFERING_STATUSES,
  PROVIDER_STATUSES,
  STAGES,
  formatFen,
  vocabularyName,
} from '~/domain/catalog-vocabulary';
import { isSizeClass, sizeClassName } from '~/domain/enterprise-size';
import { industryName } from '~/domain/industries';
import { prefectureName } from '~/domain/prefectures';
import { CHINA_TIME_ZONE } from '~/domain/adoption-dates';
import { useLocale, useT } from '~/i18n/use-t';
import { pendingRevisionIdOf } from '~/models/offering-revisions.server';
import { decideOffering, getOfferingForVetting } from '~/models/vetting.server';
import { OfferingDecisionSchema } from '~/schemas/vetting.server';
import { notFound, requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { readFlashMessage, redirectWithFlash } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const db = getDb();
  const found = getOfferingForVetting(db, user.scopePrefecture, params.offeringId ?? '');
  if (!found) notFound();
  const { t } = await getTranslator(request, user);
  const { flash, headers } = await readFlashMessage(request);
  return data(
    {
      title: `${found.offering.titleZh} · ${t('official.offeringsTitle')} · ${t('app.name')}`,
      ...found,
      pendingRevisionId: pendingRevisionIdOf(db, found.offering.id),
      flash,
    },
    { headers },
  );
}

const FAILURE_MESSAGES = {
  invalidTransition: 'official.offeringNotSubmitted',
  notSubmitted: 'official.offeringNotSubmitted',
  providerNotApproved: 'official.providerNotApproved',
} as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const db = getDb();
  const offeringId = params.offeringId ?? '';
  if (!getOfferingForVetting(db, user.scopePrefecture, offeringId)) notFound();
  const submission = parseWithZod(await request.formData(), { schema: OfferingDecisionSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const result = decideOffering(db, {
    scope: user.scopePrefecture,
    offeringId,
    decision: submission.value,
    actorUserId: user.id,
  });
  if (!result.ok) {
    if (result.error === 'notFound') notFound();
    return data(submission.reply({ formErrors: [FAILURE_MESSAGES[result.error]] }), { status: 409 });
  }
  return redirectWithFlash(
    `/official/offerings/${offeringId}`,
    submission.value.intent === 'approve' ? 'official.done.offeringApprove' : 'official.done.offeringReject',
  );
}

export default function OfficialOffering() {
  const { offering, provider, plans, history, pendingRevisionId, flash } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useServerForm<{ intent: string; reason?: string }>({
    lastResult,
  });
  const sep = locale === 'en' ? ', ' : '、';
  const busy = navigation.state === 'submitting';
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: CHINA_TIME_ZONE });
  const localDate = (iso: string | null) => (iso ? dateTime.format(new Date(iso)) : t('common.none'));
  // An empty audience list means "every industry / size / region" (formats/catalog-import.md).
  const audience = (ids: string[], name: (id: string) => string | null) =>
    ids.length ? ids.map((id) => name(id) ?? id).join(sep) : t('official.unrestricted');
  const terms = (ids: string[], vocabulary: Parameters<typeof vocabularyName>[0]) =>
    ids.map((id) => vocabularyName(vocabulary, id, locale)).join(sep) || t('common.none');
  const title = locale === 'en' && offering.titleEn ? offering.titleEn : offering.titleZh;
  const providerName = locale === 'en' && provider.nameEn ? provider.nameEn : provider.nameZh;
  const details: [string, string][] = [
    [t('official.externalId'), offering.externalId],
    [t('official.colLevel'), levelName(offering.level, locale)],
    [t('official.summary'), offering.summary],
    [t('official.categories'), terms(offering.categories, CATEGORIES)],
    [t('official.stages'), terms(offering.stages, STAGES)],
    [t('official.industries'), audience(offering.industries, (id) => industryName(id, locale))],
    [
      t('official.sizes'),
      audience(offering.sizes, (id) => (isSizeClass(id) ? sizeClassName(id, locale) : null)),
    ],
    [t('official.regions'), audience(offering.regions, (id) => prefectureName(id, locale))],
    [t('official.tags'), offering.tags.join(sep) || t('common.none')],
    [t('official.submittedAt'), localDate(offering.submittedAt)],
  ];
  if (offering.publishedAt) details.push([t('official.publishedAt'), localDate(offering.publishedAt)]);
  if (offering.reviewReason) details.push([t('official.statusReason'), offering.reviewReason]);

  return (
    <section>
      <Link to="/official/offerings" className="link text-sm">
        ← {t('official.backToOfferings')}
      </Link>
      <h1 className="mt-2 text-2xl font-bold" data-testid="console-title">
        {title}
      </h1>
      <p className="mt-1 text-sm text-slate-700">
        <span data-testid="offering-status">
          {t('official.statusLine', { status: vocabularyName(OFFERING_STATUSES, offering.status, locale) })}
        </span>
      </p>
      {pendingRevisionId ? (
        <p className="mt-3 rounded-md border border-violet-300 bg-violet-50 p-3 text-sm text-violet-950" data-testid="pending-revision">
          {t('official.pendingRevisionNotice')}{' '}
          <Link to={`/official/revisions/${pendingRevisionId}`} className="link underline">
            {t('official.openRevision')}
          </Link>
        </p>
      ) : null}
      <div className="mt-4">
        <FlashMessage message={flash} />
      </div>

      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <div className="card">
            <h2 className="mb-3 text-lg font-semibold">{t('official.offeringDetails')}</h2>
            <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
              {details.map(([label, value]) => (
                <div key={label} className="contents">
                  <dt className="font-medium text-slate-700">{label}</dt>
                  <dd className="break-words text-slate-900">{value}</dd>
                </div>
              ))}
            </dl>
            {offering.description ? (
              <>
                <h3 className="mb-1 mt-4 font-semibold">{t('official.description')}</h3>
                <p className="whitespace-pre-line break-words text-sm text-slate-900">
                  {offering.description}
                </p>
              </>
            ) : null}
          </div>
          <div className="card">
            <h2 className="mb-3 text-lg font-semibold">{t('official.plans')}</h2>
            {plans.length === 0 ? (
              <p className="text-sm text-slate-700">{t('official.noPlans')}</p>
            ) : (
              <div className="overflow-x-auto">
                <table className="table" data-testid="plan-list">
                  <thead>
                    <tr>
                      <th scope="col">{t('official.planName')}</th>
                      <th scope="col">{t('official.price')}</th>
                      <th scope="col">{t('official.billing')}</th>
                      <th scope="col">{t('official.trialDays')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {plans.map((p) => (
                      <tr key={p.id}>
                        <th scope="row" className="font-normal">
                          {p.name}
                        </th>
                        <td>{formatFen(p.priceFen, locale)}</td>
                        <td>{vocabularyName(BILLING_CYCLES, p.billing, locale)}</td>
                        <td>{p.trialDays ?? t('common.none')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
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
            <p className="mt-1 text-slate-700">
              {prefectureName(provider.prefecture, locale) ?? provider.prefecture}
            </p>
            <p className="mt-1 text-slate-700">
              {t('official.statusLine', {
                status: vocabularyName(PROVIDER_STATUSES, provider.status, locale),
              })}
            </p>
          </div>
          <VettingDecision
            form={form}
            reason={fields.reason}
            busy={busy}
            closed={offering.status !== 'submitted' ? t('official.offeringNotSubmitted') : null}
            providerApproved={provider.status === 'approved'}
            approveLabel={t('official.publish')}
            rejectTitle={t('official.rejectOfferingTitle')}
          />
        </div>
      </div>

      <AuditHistory entries={history} />
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
