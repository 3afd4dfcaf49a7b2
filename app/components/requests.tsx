import { getFormProps, getTextareaProps, type SubmissionResult } from '@conform-to/react';
import { useServerForm } from '~/components/server-form';
import { Form, Link, useNavigation } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useDateFormats } from '~/components/adoption';
import { FieldErrors, FormErrors, SuccessMessage } from '~/components/form';
import { todayInChina } from '~/domain/adoption-dates';
import { BILLING_CYCLES, formatFen, vocabularyName } from '~/domain/catalog-vocabulary';
import type { MessageKey } from '~/i18n';
import { useLocale, useT } from '~/i18n/use-t';
import type { MessageFormSchema } from '~/schemas/requests';

// UI pieces of the request (询价) pages: 我的询价, the provider's lead inbox and both threads. The
// shapes mirror RequestThread in app/models/request-queries.server.ts (components cannot import
// server modules).

export interface MessageView {
  from: 'sme' | 'provider';
  body: string;
  at: string;
}
export interface QuoteView {
  id: string;
  status: 'open' | 'accepted' | 'declined' | 'expired';
  priceFen: number;
  billing: string;
  terms: string;
  validUntil: string;
  declineReason: string | null;
}
export interface HistoryView {
  subject: 'request' | 'quote' | 'order';
  action: string;
  by: string;
  at: string;
}

const REQUEST_CLASS: Record<string, string> = {
  new: 'bg-amber-100 text-amber-900',
  replied: 'bg-sky-100 text-sky-900',
  quoted: 'bg-brand-50 text-brand-800',
  won: 'bg-green-100 text-green-900',
  lost: 'bg-slate-200 text-slate-800',
};
const QUOTE_CLASS: Record<string, string> = {
  open: 'bg-brand-50 text-brand-800',
  accepted: 'bg-green-100 text-green-900',
  declined: 'bg-slate-200 text-slate-800',
  expired: 'bg-slate-200 text-slate-800',
};

/** What a thread says above its messages, the same on both sides: the flash, a refusal, why it was lost, its order. */
export function ThreadNotices({
  flash,
  stateError,
  lostReason,
  orderHref,
}: {
  flash: string | null | undefined;
  stateError: string | null | undefined;
  lostReason: string | null;
  orderHref: string | null;
}) {
  const t = useT();
  return (
    <>
      {flash ? <SuccessMessage>{t(flash as MessageKey)}</SuccessMessage> : null}
      {stateError ? <FormErrors errors={[stateError]} /> : null}
      {lostReason ? (
        <p className="card text-sm text-slate-800">{t(`requests.lost.${lostReason}` as MessageKey)}</p>
      ) : null}
      {orderHref ? (
        <p className="card flex flex-wrap items-center justify-between gap-2 border-green-300 bg-green-50 text-sm text-green-900">
          {t('requests.thread.order')}
          <Link to={orderHref} className="btn-primary">
            {t('requests.thread.viewOrder')}
          </Link>
        </p>
      ) : null}
    </>
  );
}

export function RequestStatusBadge({ status }: { status: string }) {
  const t = useT();
  return (
    <span className={`badge ${REQUEST_CLASS[status] ?? ''}`} data-testid="request-status">
      {t(`requests.status.${status}` as MessageKey)}
    </span>
  );
}

export function QuoteStatusBadge({ status }: { status: string }) {
  const t = useT();
  return (
    <span className={`badge ${QUOTE_CLASS[status] ?? ''}`}>
      {t(`requests.quoteStatus.${status}` as MessageKey)}
    </span>
  );
}

export function UnreadBadge() {
  const t = useT();
  return <span className="badge ml-2 bg-red-100 text-red-800">{t('requests.unread')}</span>;
}

/** The calendar day in China of a stored UTC time (dates on these pages are China dates, as in the API). */
export function ChinaDate({ iso }: { iso: string }) {
  return <time dateTime={iso}>{todayInChina(new Date(iso))}</time>;
}

/** How long a lead has waited: hours for the first two days, then days. */
export function Age({ hours }: { hours: number }) {
  const t = useT();
  return (
    <>
      {hours < 48
        ? t('requests.age.hours', { hours })
        : t('requests.age.days', { days: Math.floor(hours / 24) })}
    </>
  );
}

export function Money({ fen, billing }: { fen: number; billing?: string }) {
  const locale = useLocale();
  return (
    <>
      {formatFen(fen, locale)}
      {billing ? (
        <span className="text-slate-700"> · {vocabularyName(BILLING_CYCLES, billing, locale)}</span>
      ) : null}
    </>
  );
}

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="py-1.5 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-slate-700">{label}</dt>
      <dd className="mt-0.5 break-words text-sm text-slate-900 sm:col-span-2 sm:mt-0">{children}</dd>
    </div>
  );
}

/** The conversation, oldest first; the reader's own messages are marked and set to the right. */
export function MessageThread({
  messages,
  mySide,
}: {
  messages: MessageView[];
  mySide: 'sme' | 'provider' | null;
}) {
  const t = useT();
  const { dateTime } = useDateFormats();
  return (
    <ol className="space-y-3" data-testid="message-thread">
      {messages.map((m, i) => {
        const mine = m.from === mySide;
        return (
          <li
            key={i}
            className={`max-w-[90%] rounded-lg p-3 text-sm ${mine ? 'ml-auto bg-brand-50' : 'bg-slate-100'}`}
          >
            <p className="text-xs text-slate-700">
              <span className="font-semibold">{t(`requests.by.${m.from}` as MessageKey)}</span>
              {mine ? t('requests.thread.you') : null} · <time dateTime={m.at}>{dateTime(m.at)}</time>
            </p>
            {/* Written by people: React escapes it; pre-line keeps their line breaks. */}
            <p className="mt-1 whitespace-pre-line break-words text-slate-900">{m.body}</p>
          </li>
        );
      })}
    </ol>
  );
}

/** One quote's terms; `actions` holds what the reader may do with it. */
export function QuoteCard({ quote, actions }: { quote: QuoteView; actions?: ReactNode }) {
  const t = useT();
  return (
    <article className="rounded-md border border-slate-200 p-4" data-testid="quote">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-lg font-semibold">
          <span className="sr-only">{t('requests.quote.price')}: </span>
          <Money fen={quote.priceFen} billing={quote.billing} />
        </p>
        <QuoteStatusBadge status={quote.status} />
      </div>
      <p className="mt-1 text-sm text-slate-700">
        {t('requests.quote.validUntil')} {quote.validUntil}
      </p>
      {quote.terms ? (
        <p className="mt-2 whitespace-pre-line break-words text-sm text-slate-900">{quote.terms}</p>
      ) : null}
      {quote.declineReason &&
      quote.status === 'declined' &&
      !['withdrawn', 'another-accepted'].includes(quote.declineReason) ? (
        <p className="mt-2 text-sm text-slate-700">
          {t('requests.quote.declineReason')}: {quote.declineReason}
        </p>
      ) : null}
      {actions}
    </article>
  );
}

export function HistoryList({ history }: { history: HistoryView[] }) {
  const t = useT();
  const { dateTime } = useDateFormats();
  return (
    <ol className="space-y-1 text-sm text-slate-800" data-testid="request-history">
      {history.map((h, i) => (
        <li key={i}>
          <time dateTime={h.at} className="text-slate-600">
            {dateTime(h.at)}
          </time>{' '}
          · {t(`requests.by.${h.by}` as MessageKey)} ·{' '}
          {t(`requests.history.${h.subject}.${h.action}` as MessageKey)}
        </li>
      ))}
    </ol>
  );
}

/** Writing a message (both threads). `lastResult` is the action's answer when this form sent it. */
export function MessageForm({ lastResult }: { lastResult?: SubmissionResult<string[]> | null }) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useServerForm<typeof MessageFormSchema>({
    id: 'message-form',
    lastResult,
  });
  const body = getTextareaProps(fields.body);
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 border-t border-slate-100 pt-4">
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="message" />
      <label htmlFor={fields.body.id} className="label">
        {t('requests.thread.messageLabel')}
      </label>
      <textarea {...body} key={body.key} rows={3} maxLength={2000} className="input" />
      <FieldErrors id={fields.body.errorId} errors={fields.body.errors} />
      <button
        type="submit"
        className="btn-primary mt-2 w-full sm:w-auto"
        disabled={navigation.state === 'submitting'}
      >
        {t('requests.thread.send')}
      </button>
    </Form>
  );
}
