import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/schemas/parse.server';
import { useServerForm } from '~/components/server-form';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { FormErrors, SelectField, TextAreaField, TextField } from '~/components/form';
import {
  ChinaDate,
  Fact,
  HistoryList,
  MessageForm,
  MessageThread,
  Money,
  QuoteCard,
  RequestStatusBadge,
  Section,
  ThreadNotices,
} from '~/components/requests';
import { todayInChina } from '~/domain/adoption-dates';
import { BILLING_CYCLES } from '~/domain/catalog-vocabulary';
import { isSizeClass, sizeClassName } from '~/domain/enterprise-size';
import { prefectureName } from '~/domain/prefectures';
import type { MessageKey } from '~/i18n';
import { useLocale, useT } from '~/i18n/use-t';
import { createQuote } from '~/models/quotes.server';
import { getRequestThread } from '~/models/request-queries.server';
import { markSeen, postMessage } from '~/models/requests.server';
import { QUOTE_BILLINGS } from '~/domain/request-options';
import { ProviderThreadFormSchema, QuoteFormSchema } from '~/schemas/requests.server';
import { notFound, requireProviderAccount } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { redirectWithFlash } from '~/utils/flash.server';
import { consumeLimit, rateLimitedMessage, tooManyRequests } from '~/utils/rate-limit.server';
import { getTranslator } from '~/utils/locale.server';
import { requestCallerOfUser } from '~/utils/request-api.server';
import { pageFlash, refusalAnswer, type ThreadActionData } from '~/utils/request-pages.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

// A 429 of the abuse limits keeps its Retry-After on the page (retry-after-headers.ts).
export { retryAfterHeaders as headers } from '~/utils/retry-after-headers';

/** A lead's thread for the provider: the request, messages, the quote form, history. Opening it marks it read. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { user } = await requireProviderAccount(request);
  const now = new Date();
  const thread = getRequestThread(db, params.requestId ?? '', requestCallerOfUser(user).viewer, now);
  if (!thread) notFound();
  markSeen(db, thread.id, 'provider', now);
  const { t } = await getTranslator(request, user);
  const { flash, headers } = await pageFlash(request);
  return data(
    {
      thread,
      flash,
      today: todayInChina(now),
      title: `${thread.enterprise.name} · ${t('requests.leads.title')} · ${t('app.name')}`,
    },
    { headers },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const { user } = await requireProviderAccount(request);
  const { viewer, actor } = requestCallerOfUser(user);
  const formData = await request.formData();
  const intent = String(formData.get('intent') ?? '');
  const submission = parseWithZod(formData, { schema: ProviderThreadFormSchema });
  if (submission.status !== 'success')
    return data<ThreadActionData>({ intent, quoteId: null, result: submission.reply() }, { status: 400 });
  const requestId = params.requestId ?? '';
  const now = new Date();
  const v = submission.value;
  if (v.intent === 'message') {
    // Shared with POST /api/requests/:id/messages (the same subject as apiRoute's ctx.limit).
    const limit = await consumeLimit('requestMessage', `user:${user.id}`);
    if (!limit.ok)
      return data<ThreadActionData>(
        { intent, quoteId: null, result: submission.reply({ formErrors: [rateLimitedMessage(limit)] }) },
        tooManyRequests(limit),
      );
  }
  const result =
    v.intent === 'message'
      ? postMessage(db, { requestId, viewer, actor, body: v.body, now })
      : createQuote(db, {
          requestId,
          viewer,
          actor,
          input: { priceFen: v.price, billing: v.billing, terms: v.terms ?? '', validUntil: v.validUntil },
          now,
        });
  if (!result.ok) {
    const { t } = await getTranslator(request, user);
    return refusalAnswer(result, t, submission.reply, { intent });
  }
  return redirectWithFlash(
    `/provider/leads/${requestId}`,
    v.intent === 'message' ? 'requests.flash.message' : 'requests.flash.quoted',
  );
}

export default function ProviderLeadThread() {
  const { thread, flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const title = (locale === 'en' && thread.offeringTitleEn) || thread.offeringTitleZh;
  const resultFor = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined);
  const { enterprise } = thread;
  return (
    <div className="space-y-6">
      <Link to="/provider/leads" className="link text-sm">
        ← {t('requests.thread.backLeads')}
      </Link>
      <header className="space-y-1">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-bold" data-testid="console-title">
            {enterprise.name}
          </h1>
          <RequestStatusBadge status={thread.status} />
        </div>
        <p className="text-slate-700">{title}</p>
      </header>
      <ThreadNotices
        flash={flash}
        stateError={actionData?.stateError}
        lostReason={thread.lostReason}
        orderHref={thread.orderId ? `/provider/orders/${thread.orderId}` : null}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Section id="messages" title={t('requests.thread.messages')}>
            <MessageThread messages={thread.messages} mySide="provider" />
            {thread.status === 'lost' ? (
              <p className="mt-4 text-sm text-slate-700">{t('requests.thread.closed')}</p>
            ) : (
              <MessageForm key={thread.messages.length} lastResult={resultFor('message')} />
            )}
          </Section>
          <Section id="quotes" title={t('requests.thread.quotes')}>
            {thread.quotes.length === 0 ? (
              <p className="text-sm text-slate-700">{t('requests.thread.noQuotes')}</p>
            ) : null}
            <ul className="space-y-3">
              {thread.quotes.map((q) => (
                <li key={q.id}>
                  <QuoteCard quote={q} />
                </li>
              ))}
            </ul>
            {['new', 'replied', 'quoted'].includes(thread.status) ? (
              <QuoteForm key={thread.quotes.length} lastResult={resultFor('quote')} />
            ) : (
              <p className="mt-4 text-sm text-slate-700">{t('requests.quote.closed')}</p>
            )}
          </Section>
        </div>
        <aside className="space-y-6">
          <Section id="details" title={t('requests.thread.details')}>
            <dl className="divide-y divide-slate-100">
              <Fact label={t('requests.thread.enterprise')}>{enterprise.name}</Fact>
              <Fact label={t('requests.thread.prefecture')}>
                {prefectureName(enterprise.prefecture, locale) ?? enterprise.prefecture}
              </Fact>
              <Fact label={t('requests.thread.size')}>
                {isSizeClass(enterprise.sizeClass)
                  ? sizeClassName(enterprise.sizeClass, locale)
                  : enterprise.sizeClass}
              </Fact>
              <Fact label={t('requests.thread.plan')}>{thread.planName ?? t('requests.thread.noPlan')}</Fact>
              <Fact label={t('requests.thread.budget')}>
                {thread.budgetFen === null ? t('requests.thread.notGiven') : <Money fen={thread.budgetFen} />}
              </Fact>
              <Fact label={t('requests.thread.wantedBy')}>
                {thread.wantedBy ?? t('requests.thread.notGiven')}
              </Fact>
              <Fact label={t('requests.thread.contact')}>
                {t(`requests.contact.${thread.contact}` as MessageKey)}
              </Fact>
              {thread.contactEmail ? (
                <Fact label={t('requests.thread.contactEmail')}>
                  <a href={`mailto:${thread.contactEmail}`} className="link break-all">
                    {thread.contactEmail}
                  </a>
                </Fact>
              ) : null}
              <Fact label={t('requests.thread.created')}>
                <ChinaDate iso={thread.createdAt} />
              </Fact>
            </dl>
          </Section>
          <Section id="history" title={t('requests.thread.history')}>
            <HistoryList history={thread.history} />
          </Section>
        </aside>
      </div>
    </div>
  );
}

/** The quote form: the price in yuan (kept as fen), billing, terms, validity (today or later). */
function QuoteForm({ lastResult }: { lastResult?: ThreadActionData['result'] }) {
  const { today } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const [form, fields] = useServerForm<typeof QuoteFormSchema>({
    id: 'quote-form',
    lastResult,
  });
  const billingOptions = BILLING_CYCLES.filter((b) =>
    (QUOTE_BILLINGS as readonly string[]).includes(b.id),
  ).map((b) => ({
    value: b.id,
    label: locale === 'en' ? b.nameEn : b.nameZh,
  }));
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="mt-4 border-t border-slate-100 pt-4"
      aria-labelledby="quote-form-title"
    >
      <h3 id="quote-form-title" className="font-semibold">
        {t('requests.quote.formTitle')}
      </h3>
      <p className="mb-3 mt-1 text-sm text-slate-700">{t('requests.quote.formLead')}</p>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="quote" />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField
          label={t('requests.quote.priceLabel')}
          field={fields.price}
          inputMode="decimal"
          autoComplete="off"
        />
        <SelectField label={t('requests.quote.billing')} field={fields.billing} options={billingOptions} />
      </div>
      <TextAreaField label={t('requests.quote.terms')} field={fields.terms} optional rows={3} />
      <div className="mb-4">
        <TextField
          label={t('requests.quote.validUntil')}
          field={fields.validUntil}
          type="date"
          hint={`≥ ${today}`}
        />
      </div>
      <button
        type="submit"
        className="btn-primary w-full sm:w-auto"
        disabled={navigation.state === 'submitting'}
      >
        {t('requests.quote.submit')}
      </button>
    </Form>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
