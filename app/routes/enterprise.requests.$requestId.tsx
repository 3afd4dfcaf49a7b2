import { getFormProps, getTextareaProps } from '@conform-to/react';
import { parseWithZod } from '~/schemas/parse.server';
import { useServerForm } from '~/components/server-form';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { FieldErrors, FormErrors } from '~/components/form';
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
  type QuoteView,
  ThreadNotices,
} from '~/components/requests';
import type { MessageKey } from '~/i18n';
import { useLocale, useT } from '~/i18n/use-t';
import { acceptQuote, declineQuote } from '~/models/quotes.server';
import { getRequestThread } from '~/models/request-queries.server';
import { markSeen, postMessage, withdrawRequest } from '~/models/requests.server';
import { DeclineFormSchema, SmeThreadFormSchema } from '~/schemas/requests.server';
import { notFound, requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { redirectWithFlash } from '~/utils/flash.server';
import { consumeLimit, rateLimitedMessage, tooManyRequests } from '~/utils/rate-limit.server';
import { getTranslator } from '~/utils/locale.server';
import { requestCallerOfUser } from '~/utils/request-api.server';
import { pageFlash, refusalAnswer, type ThreadActionData } from '~/utils/request-pages.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

// A 429 of the abuse limits keeps its Retry-After on the page (retry-after-headers.ts).
export { retryAfterHeaders as headers } from '~/utils/retry-after-headers';

/** The SME's thread: messages, quotes to accept or decline, history. Opening it marks it read. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['sme']);
  const db = getDb();
  const now = new Date();
  const thread = getRequestThread(db, params.requestId ?? '', requestCallerOfUser(user).viewer, now);
  if (!thread) notFound();
  markSeen(db, thread.id, 'sme', now);
  const { t, locale } = await getTranslator(request, user);
  const { flash, headers } = await pageFlash(request);
  const title = (locale === 'en' && thread.offeringTitleEn) || thread.offeringTitleZh;
  return data(
    { thread, flash, title: `${title} · ${t('requests.mine.title')} · ${t('app.name')}` },
    { headers },
  );
}

const FLASH = {
  message: 'requests.flash.message',
  withdraw: 'requests.flash.withdrawn',
  accept: 'requests.flash.accepted',
  decline: 'requests.flash.declined',
} as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ['sme']);
  const { viewer, actor } = requestCallerOfUser(user);
  const formData = await request.formData();
  const intent = String(formData.get('intent') ?? '');
  const quoteId = typeof formData.get('quoteId') === 'string' ? String(formData.get('quoteId')) : null;
  const submission = parseWithZod(formData, { schema: SmeThreadFormSchema });
  if (submission.status !== 'success')
    return data<ThreadActionData>({ intent, quoteId, result: submission.reply() }, { status: 400 });
  const db = getDb();
  const now = new Date();
  const requestId = params.requestId ?? '';
  const v = submission.value;
  if (v.intent === 'message') {
    // Shared with POST /api/requests/:id/messages (the same subject as apiRoute's ctx.limit).
    const limit = await consumeLimit('requestMessage', `user:${user.id}`);
    if (!limit.ok)
      return data<ThreadActionData>(
        { intent, quoteId, result: submission.reply({ formErrors: [rateLimitedMessage(limit)] }) },
        tooManyRequests(limit),
      );
  }
  const result =
    v.intent === 'message'
      ? postMessage(db, { requestId, viewer, actor, body: v.body, now })
      : v.intent === 'withdraw'
        ? withdrawRequest(db, { requestId, viewer, actor, now })
        : v.intent === 'accept'
          ? acceptQuote(db, { quoteId: v.quoteId, viewer, actor, now })
          : declineQuote(db, { quoteId: v.quoteId, viewer, actor, reason: v.reason, now });
  if (!result.ok) {
    const { t } = await getTranslator(request, user);
    return refusalAnswer(result, t, submission.reply, { intent, quoteId });
  }
  return redirectWithFlash(`/enterprise/requests/${requestId}`, FLASH[v.intent]);
}

export default function SmeRequestThread() {
  const { thread, flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const title = (locale === 'en' && thread.offeringTitleEn) || thread.offeringTitleZh;
  const resultFor = (intent: string, quoteId: string | null = null) =>
    actionData?.intent === intent && actionData.quoteId === quoteId ? actionData.result : undefined;
  const open = ['new', 'replied', 'quoted'].includes(thread.status);
  return (
    <div className="space-y-6">
      <Link to="/enterprise/requests" className="link text-sm">
        ← {t('requests.thread.backMine')}
      </Link>
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold" data-testid="console-title">
          <Link to={`/catalog/${thread.offeringId}`} className="link text-slate-900">
            {title}
          </Link>
        </h1>
        <RequestStatusBadge status={thread.status} />
      </header>
      <ThreadNotices
        flash={flash}
        stateError={actionData?.stateError}
        lostReason={thread.lostReason}
        orderHref={thread.orderId ? `/enterprise/orders/${thread.orderId}` : null}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Section id="quotes" title={t('requests.thread.quotes')}>
            {thread.quotes.length === 0 ? (
              <p className="text-sm text-slate-700">{t('requests.thread.noQuotes')}</p>
            ) : null}
            <ul className="space-y-3">
              {thread.quotes.map((q) => (
                <li key={q.id}>
                  <QuoteCard
                    quote={q}
                    actions={
                      q.status === 'open' && thread.status === 'quoted' ? (
                        <QuoteActions quote={q} declineResult={resultFor('decline', q.id)} />
                      ) : null
                    }
                  />
                </li>
              ))}
            </ul>
          </Section>
          <Section id="messages" title={t('requests.thread.messages')}>
            <MessageThread messages={thread.messages} mySide="sme" />
            {thread.status === 'lost' ? (
              <p className="mt-4 text-sm text-slate-700">{t('requests.thread.closed')}</p>
            ) : (
              <MessageForm key={thread.messages.length} lastResult={resultFor('message')} />
            )}
          </Section>
        </div>
        <aside className="space-y-6">
          <Section id="details" title={t('requests.thread.details')}>
            <dl className="divide-y divide-slate-100">
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
              <Fact label={t('requests.thread.created')}>
                <ChinaDate iso={thread.createdAt} />
              </Fact>
            </dl>
            {open ? (
              <Form method="post" className="mt-4 border-t border-slate-100 pt-4">
                <input type="hidden" name="intent" value="withdraw" />
                <p id="withdraw-hint" className="mb-2 text-sm text-slate-700">
                  {t('requests.thread.withdrawHint')}
                </p>
                <button type="submit" className="btn-secondary w-full" aria-describedby="withdraw-hint">
                  {t('requests.thread.withdraw')}
                </button>
              </Form>
            ) : null}
          </Section>
          <Section id="history" title={t('requests.thread.history')}>
            <HistoryList history={thread.history} />
          </Section>
        </aside>
      </div>
    </div>
  );
}

type Result = ThreadActionData['result'] | undefined;

/** Accept (one button: it makes the order) or decline with an optional reason, shown on demand. */
function QuoteActions({ quote, declineResult }: { quote: QuoteView; declineResult: Result }) {
  const t = useT();
  const [form, fields] = useServerForm<typeof DeclineFormSchema>({
    id: `decline-${quote.id}`,
    lastResult: declineResult,
  });
  const reason = getTextareaProps(fields.reason);
  const hintId = `accept-hint-${quote.id}`;
  return (
    <div className="mt-3 space-y-3 border-t border-slate-100 pt-3">
      <Form method="post">
        <input type="hidden" name="intent" value="accept" />
        <input type="hidden" name="quoteId" value={quote.id} />
        <p id={hintId} className="mb-2 text-sm text-slate-700">
          {t('requests.quote.acceptHint')}
        </p>
        <button type="submit" className="btn-primary w-full sm:w-auto" aria-describedby={hintId}>
          {t('requests.quote.accept')}
        </button>
      </Form>
      <details open={Boolean(declineResult)}>
        <summary className="link cursor-pointer text-sm">{t('requests.quote.decline')}</summary>
        <Form method="post" {...getFormProps(form)} className="mt-2">
          <FormErrors errors={form.errors} />
          <input type="hidden" name="intent" value="decline" />
          <input type="hidden" name="quoteId" value={quote.id} />
          <label htmlFor={fields.reason.id} className="label">
            {t('requests.quote.declineReason')}
            <span className="ml-1 font-normal text-slate-600">（{t('common.optional')}）</span>
          </label>
          <textarea {...reason} key={reason.key} rows={2} maxLength={2000} className="input" />
          <FieldErrors id={fields.reason.errorId} errors={fields.reason.errors} />
          <button type="submit" className="btn-secondary mt-2">
            {t('requests.quote.decline')}
          </button>
        </Form>
      </details>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
