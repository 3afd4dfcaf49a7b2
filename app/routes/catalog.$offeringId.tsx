import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/schemas/parse.server';
import { useServerForm } from '~/components/server-form';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';
import { chinaDateOf } from '~/domain/adoption-dates';
import { levelName } from '~/domain/adoption-levels';
import { BILLING_CYCLES, CATEGORIES, CERTIFICATIONS, STAGES, formatFen, vocabularyName } from '~/domain/catalog-vocabulary';
import { isSizeClass, sizeClassName } from '~/domain/enterprise-size';
import { industryName } from '~/domain/industries';
import { prefectureName } from '~/domain/prefectures';
import { useLocale, useT } from '~/i18n/use-t';
import { RequestService } from '~/components/request-form';
import { FormErrors, SuccessMessage, TextAreaField } from '~/components/form';
import { RatingSummaryLine, ReviewCard, type ReviewItem } from '~/components/reviews';
import type { MessageKey } from '~/i18n';
import { listVisibleReviews, ratingSummary, reportReview } from '~/models/reviews.server';
import { ReviewReportSchema } from '~/schemas/reviews.server';
import { invalidReviewForm, reviewFormAnswer, type ReviewFormReply } from '~/utils/review-pages.server';
import { getPublishedOffering } from '~/models/catalog.server';
import { getEnterpriseByOwner } from '~/models/enterprises.server';
import { createRequest } from '~/models/requests.server';
import { createPlanOrder } from '~/models/order-create.server';
import { PlanOrderFormSchema } from '~/schemas/orders.server';
import { RequestFormSchema } from '~/schemas/requests.server';
import { getUser, notFound, requireRole, requireUser } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { readFlash, redirectWithFlash } from '~/utils/flash.server';
import { consumeLimit, rateLimitedMessage, tooManyRequests } from '~/utils/rate-limit.server';
import { getTranslator } from '~/utils/locale.server';
import { requestCallerOfUser } from '~/utils/request-api.server';
import { ProviderScorecard } from '~/components/provider-scorecard';
import { publicProviderScorecard } from '~/models/provider-scorecard.server';
import { countOfferingView } from '~/utils/offering-views.server';
import { HelpLinks } from '~/components/help-link';

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [{ title: data.metaTitle }, { name: 'description', content: data.offering.summary }] : [{ title: '云桥' }];

// A 429 of the abuse limits keeps its Retry-After on the page (retry-after-headers.ts).
export { retryAfterHeaders as headers } from '~/utils/retry-after-headers';

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Drafts, archived listings and those of unvetted or suspended providers are 404 for everyone,
  // their owners included: owners and officials review them in their consoles.
  const offering = getPublishedOffering(getDb(), params.offeringId ?? '');
  if (!offering) notFound();
  const user = await getUser(request);
  // Provider analytics: one view per page GET by a person (bots and the provider itself excluded).
  countOfferingView(request, user, { id: offering.id, providerId: offering.provider.id });
  const { locale, t } = await getTranslator(request, user);
  const title = (locale === 'en' && offering.titleEn) || offering.titleZh;
  const hasEnterprise = user?.role === 'sme' && getEnterpriseByOwner(getDb(), user.id) !== null;
  // ?request=1 opens the 申请服务 form (the button and a match card link here), without JavaScript.
  const requestOpen = new URL(request.url).searchParams.get('request') === '1';
  const flash = await readFlash(request);
  return data(
    {
      offering,
      viewerRole: user?.role ?? null,
      hasEnterprise,
      requestOpen,
      // Verified reviews: only visible ones show and count (app/models/reviews.server.ts).
      rating: ratingSummary(getDb(), offering.id),
      scorecard: publicProviderScorecard(getDb(), offering.provider.id),
      // The buyer's name is not published: a review shows as from a verified enterprise.
      reviews: listVisibleReviews(getDb(), offering.id).map(({ enterpriseName: _name, ...review }) => review),
      flash: flash.message,
      metaTitle: `${title} · ${t('app.name')}`,
    },
    { headers: flash.headers },
  );
}

/** 申请服务: an SME sends a request (询价) for this offering; on success, its thread. */
export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.clone().formData();
  if (formData.get('intent') === 'report') return reportAction(request, params.offeringId ?? '', formData);
  if (formData.get('intent') === 'order') return orderAction(request, params.offeringId ?? '', formData);
  const user = await requireRole(request, ['sme']);
  const caller = requestCallerOfUser(user);
  const submission = parseWithZod(await request.formData(), { schema: RequestFormSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  if (!caller.enterpriseId)
    return data(submission.reply({ formErrors: ['requests.errors.noEnterprise'] }), { status: 409 });
  // Shared with POST /api/requests (the same subject as apiRoute's ctx.limit).
  const limit = await consumeLimit('requestCreate', `user:${user.id}`);
  if (!limit.ok) return data(submission.reply({ formErrors: [rateLimitedMessage(limit)] }), tooManyRequests(limit));
  const { message, planId, budget, wantedBy, contact } = submission.value;
  const result = createRequest(getDb(), {
    enterpriseId: caller.enterpriseId,
    actor: caller.actor,
    input: { offeringId: params.offeringId ?? '', planId, message, budgetFen: budget, wantedBy, contact },
    now: new Date(),
  });
  if (!result.ok) {
    // Unlisted while the form was open: the page itself is gone (404); a stale plan is the form's error.
    if (result.reason !== 'invalid') notFound();
    return data(submission.reply({ fieldErrors: { [result.path]: [result.messageKey] } }), { status: 400 });
  }
  return redirectWithFlash(`/enterprise/requests/${result.id}`, 'requests.flash.sent');
}

/**
 * 立即订购: an SME orders one billing period of a priced plan (POST /api/orders' use case); on
 * success, the new order's page, where it pays (and may apply a cloud voucher).
 */
async function orderAction(request: Request, offeringId: string, formData: FormData) {
  const user = await requireRole(request, ['sme']);
  const caller = requestCallerOfUser(user);
  const submission = parseWithZod(formData, { schema: PlanOrderFormSchema });
  if (submission.status !== 'success') return data({ intent: 'order' as const, result: submission.reply() }, { status: 400 });
  if (!caller.enterpriseId)
    return data({ intent: 'order' as const, result: submission.reply({ formErrors: ['requests.errors.noEnterprise'] }) }, { status: 409 });
  const result = createPlanOrder(getDb(), {
    enterpriseId: caller.enterpriseId,
    offeringId,
    planId: submission.value.planId,
    actor: caller.actor,
    now: new Date(),
  });
  if (!result.ok) {
    if (result.reason === 'not-found') notFound();
    const key = result.reason === 'invalid' ? result.messageKey : 'orders.errors.stale';
    return data({ intent: 'order' as const, result: submission.reply({ formErrors: [key] }) }, { status: 409 });
  }
  return redirectWithFlash(`/enterprise/orders/${result.id}`, 'orders.done.ordered');
}

/** Anyone signed in reports a review (举报) for an official to look at. */
async function reportAction(request: Request, offeringId: string, formData: FormData) {
  const user = await requireUser(request);
  const submission = parseWithZod(formData, { schema: ReviewReportSchema });
  const reviewId = String(formData.get('reviewId') ?? '');
  if (submission.status !== 'success') return invalidReviewForm('report', submission, reviewId);
  const result = reportReview(getDb(), { userId: user.id, ...submission.value });
  return reviewFormAnswer(result, {
    intent: 'report',
    reviewId,
    submission,
    redirectTo: `/catalog/${offeringId}`,
    doneKey: 'reviews.done.reported',
  });
}

function ReportForm({ review, reply }: { review: ReviewItem; reply: ReviewFormReply | undefined }) {
  const t = useT();
  const mine = reply?.intent === 'report' && reply.reviewId === review.id;
  const [form, fields] = useServerForm<typeof ReviewReportSchema>({
    id: `report-${review.id}`,
    lastResult: mine ? reply.result : undefined,
  });
  return (
    <details className="text-sm" open={mine}>
      <summary className="link cursor-pointer">{t('reviews.report.summary')}</summary>
      <Form method="post" {...getFormProps(form)} className="mt-2">
        <input type="hidden" name="intent" value="report" />
        <input type="hidden" name="reviewId" value={review.id} />
        <FormErrors errors={form.errors} />
        <TextAreaField label={t('reviews.report.reason')} field={fields.reason} rows={2} />
        <button type="submit" className="btn-secondary">
          {t('reviews.report.submit')}
        </button>
      </Form>
    </details>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="py-2 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-slate-700">{label}</dt>
      <dd className="mt-1 text-sm text-slate-900 sm:col-span-2 sm:mt-0">{children}</dd>
    </div>
  );
}

function Names({ items, empty }: { items: string[]; empty: string }) {
  if (!items.length) return <>{empty}</>;
  return (
    <ul className="flex flex-wrap gap-1">
      {items.map((name) => (
        <li key={name} className="badge bg-slate-100 text-slate-800">
          {name}
        </li>
      ))}
    </ul>
  );
}

export default function OfferingDetail() {
  const { offering, viewerRole, hasEnterprise, requestOpen, rating, reviews, flash, scorecard } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // Conform's own reply has an `intent` key too (undefined after a plain submit): the review and
  // order answers are told apart by its value, or the request form would lose its field errors.
  const tagged = actionData && 'intent' in actionData && (actionData.intent === 'report' || actionData.intent === 'order');
  const reviewReply = tagged ? (actionData as ReviewFormReply) : undefined;
  const lastResult = actionData && !tagged && !('result' in actionData) ? actionData : undefined;
  const orderErrors =
    actionData && 'intent' in actionData && actionData.intent === 'order' && 'result' in actionData
      ? (actionData.result as { error?: Record<string, string[] | null> }).error?.['']
      : undefined;
  const canOrder = viewerRole === 'sme' && hasEnterprise;
  const t = useT();
  const locale = useLocale();
  const en = locale === 'en';
  const title = (en && offering.titleEn) || offering.titleZh;
  const provider = offering.provider;
  const providerName = (en && provider.nameEn) || provider.nameZh;
  const website = provider.website && /^https?:\/\//i.test(provider.website) ? provider.website : null;

  return (
    <div className="space-y-6">
      <Link to="/catalog" className="link text-sm">
        ← {t('catalog.backToList')}
      </Link>
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{title}</h1>
        <p className="text-slate-700">
          <span className="sr-only">{t('catalog.providerLabel')}: </span>
          {providerName}
        </p>
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <span className="badge bg-brand-50 text-brand-800">{levelName(offering.level, locale)}</span>
          {offering.publishedAt ? <span>{t('catalog.publishedAt', { date: chinaDateOf(offering.publishedAt) })}</span> : null}
        </div>
        <RatingSummaryLine rating={rating} />
        <p className="max-w-3xl text-slate-800">{offering.summary}</p>
        <HelpLinks topics={['levels', 'orders']} />
      </header>
      {flash ? <SuccessMessage>{t(flash as MessageKey)}</SuccessMessage> : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <section className="card" aria-labelledby="offering-overview">
            <h2 id="offering-overview" className="mb-2 text-lg font-semibold">
              {t('catalog.overview')}
            </h2>
            <dl className="divide-y divide-slate-100">
              <Fact label={t('catalog.level')}>{levelName(offering.level, locale)}</Fact>
              <Fact label={t('catalog.categories')}>
                <Names items={offering.categories.map((c) => vocabularyName(CATEGORIES, c, locale))} empty={t('common.none')} />
              </Fact>
              <Fact label={t('catalog.stages')}>
                <Names items={offering.stages.map((s) => vocabularyName(STAGES, s, locale))} empty={t('catalog.allStages')} />
              </Fact>
              <Fact label={t('catalog.industries')}>
                <Names items={offering.industries.map((c) => industryName(c, locale) ?? c)} empty={t('catalog.allIndustries')} />
              </Fact>
              <Fact label={t('catalog.sizes')}>
                <Names items={offering.sizes.map((s) => (isSizeClass(s) ? sizeClassName(s, locale) : s))} empty={t('catalog.allSizes')} />
              </Fact>
              <Fact label={t('catalog.regions')}>
                <Names items={offering.regions.map((c) => prefectureName(c, locale) ?? c)} empty={t('catalog.allRegions')} />
              </Fact>
              {offering.tags.length ? (
                <Fact label={t('catalog.tags')}>
                  <Names items={offering.tags} empty={t('common.none')} />
                </Fact>
              ) : null}
            </dl>
          </section>

          {offering.description ? (
            <section className="card" aria-labelledby="offering-description">
              <h2 id="offering-description" className="mb-2 text-lg font-semibold">
                {t('catalog.description')}
              </h2>
              {/* Provider-written text: React escapes it; pre-line keeps their line breaks. */}
              <div className="whitespace-pre-line break-words text-sm leading-relaxed text-slate-800" data-testid="offering-description">
                {offering.description}
              </div>
            </section>
          ) : null}

          <section className="card" aria-labelledby="offering-plans">
            <h2 id="offering-plans" className="mb-2 text-lg font-semibold">
              {t('catalog.plans')}
            </h2>
            <FormErrors errors={orderErrors ?? undefined} />
            {canOrder && offering.plans.some((plan) => plan.priceFen !== null && plan.billing !== 'quote') ? (
              <p className="mb-2 text-sm text-slate-700">{t('catalog.orderPlanHint')}</p>
            ) : null}
            {offering.plans.length ? (
              <div className="overflow-x-auto">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('catalog.planName')}</th>
                      <th scope="col">{t('catalog.planPrice')}</th>
                      <th scope="col">{t('catalog.planBilling')}</th>
                      <th scope="col">{t('catalog.planTrial')}</th>
                      {canOrder ? (
                        <th scope="col">
                          <span className="sr-only">{t('catalog.orderPlan')}</span>
                        </th>
                      ) : null}
                    </tr>
                  </thead>
                  <tbody>
                    {offering.plans.map((plan) => (
                      <tr key={plan.id}>
                        <th scope="row" className="font-medium">
                          {plan.name}
                        </th>
                        <td className="whitespace-nowrap">{formatFen(plan.priceFen, locale)}</td>
                        <td>{vocabularyName(BILLING_CYCLES, plan.billing, locale)}</td>
                        <td>{plan.trialDays ? t('catalog.trialDays', { days: plan.trialDays }) : t('catalog.noTrial')}</td>
                        {canOrder ? (
                          <td>
                            {plan.priceFen !== null && plan.billing !== 'quote' ? (
                              <Form method="post">
                                <input type="hidden" name="intent" value="order" />
                                <input type="hidden" name="planId" value={plan.id} />
                                <button
                                  type="submit"
                                  className="btn-primary whitespace-nowrap"
                                  aria-label={t('catalog.orderPlanLabel', { plan: plan.name })}
                                >
                                  {t('catalog.orderPlan')}
                                </button>
                              </Form>
                            ) : (
                              <span className="text-sm text-slate-600">{t('catalog.planOnQuote')}</span>
                            )}
                          </td>
                        ) : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p className="text-sm text-slate-700">{t('catalog.noPlans')}</p>
            )}
          </section>
          <section className="card" aria-labelledby="offering-reviews">
            <h2 id="offering-reviews" className="mb-2 text-lg font-semibold">
              {t('reviews.title')}
            </h2>
            <RatingSummaryLine rating={rating} />
            {reviews.length ? (
              <ul>
                {reviews.map((review) => (
                  <ReviewCard key={review.id} review={review}>
                    {viewerRole ? <ReportForm review={review} reply={reviewReply} /> : null}
                  </ReviewCard>
                ))}
              </ul>
            ) : null}
          </section>
        </div>

        <aside className="space-y-6">
          <RequestService
            lastResult={lastResult}
            cta={{ viewerRole, hasEnterprise, open: requestOpen, offeringId: offering.id, providerName, plans: offering.plans }}
          />
          <section className="card" aria-labelledby="offering-provider">
            <h2 id="offering-provider" className="mb-2 text-lg font-semibold">
              {t('catalog.providerCard')}
            </h2>
            <p className="font-medium">
              <Link to={`/providers/${provider.id}`} className="link">
                {providerName}
              </Link>
            </p>
            <dl className="mt-2 divide-y divide-slate-100">
              <Fact label={t('catalog.providerLocation')}>{prefectureName(provider.prefecture, locale) ?? provider.prefecture}</Fact>
              <Fact label={t('catalog.certifications')}>
                <Names
                  items={provider.certifications.map((c) => vocabularyName(CERTIFICATIONS, c, locale))}
                  empty={t('catalog.noCertifications')}
                />
              </Fact>
              {website ? (
                <Fact label={t('catalog.website')}>
                  <a href={website} className="link break-all" rel="noopener noreferrer nofollow">
                    {website}
                  </a>
                </Fact>
              ) : null}
            </dl>
          </section>
          <ProviderScorecard scorecard={scorecard} providerHref={`/providers/${provider.id}`} />
        </aside>
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
