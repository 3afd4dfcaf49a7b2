import { Form, Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useDateFormats } from '~/components/adoption';
import { PagedTable } from '~/components/paged-table';
import { formatFen } from '~/domain/catalog-vocabulary';
import { ORDER_STATUSES, type OrderStatus } from '~/domain/marketplace-states';
import type { MessageKey } from '~/i18n';
import { useLocale, useT } from '~/i18n/use-t';

// UI pieces of the order pages (SME, provider, officials' disputes): status, facts, payment
// instructions, history, the order list.

const STATUS_CLASS: Record<OrderStatus, string> = {
  pending_payment: 'bg-amber-100 text-amber-900',
  paid: 'bg-sky-100 text-sky-900',
  delivered: 'bg-indigo-100 text-indigo-900',
  confirmed: 'bg-green-100 text-green-900',
  disputed: 'bg-orange-100 text-orange-900',
  cancelled: 'bg-slate-200 text-slate-800',
  refunded: 'bg-slate-200 text-slate-800',
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const t = useT();
  return (
    <span className={`badge ${STATUS_CLASS[status]}`} data-testid="order-status">
      {t(`orders.status.${status}`)}
    </span>
  );
}

export function useMoney() {
  const locale = useLocale();
  return (fen: number) => formatFen(fen, locale);
}

/** What the pages know of an order (a subset of the model's row, safe to send to the browser). */
export interface PageOrder {
  id: string;
  status: OrderStatus;
  offeringTitle: string;
  offeringTitleEn: string | null;
  planName: string | null;
  providerName: string;
  enterpriseName: string;
  billing: 'month' | 'year' | 'once';
  amountFen: number;
  subsidyFen: number;
  payableFen: number;
  paymentMethod: 'bank_transfer' | 'stripe';
  paymentReference: string;
  accountName: string | null;
  bankName: string | null;
  accountNo: string | null;
  transferReference: string | null;
  refundReference: string | null;
  disputeReason: string | null;
  createdAt: string;
}

export function useOfferingTitle() {
  const locale = useLocale();
  return (o: Pick<PageOrder, 'offeringTitle' | 'offeringTitleEn'>) =>
    locale === 'en' && o.offeringTitleEn ? o.offeringTitleEn : o.offeringTitle;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-slate-600">{label}</dt>
      <dd className="mt-0.5 font-medium text-slate-900">{children}</dd>
    </div>
  );
}

/** The order's facts: what, from whom (or for whom), how much, and the references recorded so far. */
export function OrderFacts({
  order,
  counterparty,
}: {
  order: PageOrder;
  counterparty: 'provider' | 'enterprise';
}) {
  const t = useT();
  const money = useMoney();
  const title = useOfferingTitle();
  const { dateTime } = useDateFormats();
  return (
    <section className="card" aria-labelledby="order-facts">
      <h2 id="order-facts" className="text-lg font-semibold">
        {t('orders.detail.summary')}
      </h2>
      <dl className="mt-3 grid grid-cols-1 gap-3 text-sm sm:grid-cols-2">
        <Fact label={t('orders.detail.offering')}>
          {title(order)}
          {order.planName ? <span className="font-normal text-slate-700"> · {order.planName}</span> : null}
        </Fact>
        {counterparty === 'provider' ? (
          <Fact label={t('orders.detail.provider')}>{order.providerName}</Fact>
        ) : (
          <Fact label={t('orders.detail.enterprise')}>{order.enterpriseName}</Fact>
        )}
        <Fact label={t('orders.detail.billing')}>{t(`orders.billing.${order.billing}`)}</Fact>
        <Fact label={t('orders.detail.createdAt')}>{dateTime(order.createdAt)}</Fact>
        <Fact label={t('orders.detail.amount')}>{money(order.amountFen)}</Fact>
        {order.subsidyFen > 0 ? (
          <Fact label={t('orders.detail.subsidy')}>−{money(order.subsidyFen)}</Fact>
        ) : null}
        <Fact label={t('orders.detail.payable')}>
          <span className="text-base">{money(order.payableFen)}</span>
        </Fact>
        {order.transferReference ? (
          <Fact label={t('orders.detail.transferReference')}>{order.transferReference}</Fact>
        ) : null}
        {order.refundReference ? (
          <Fact label={t('orders.detail.refundReference')}>{order.refundReference}</Fact>
        ) : null}
        {order.disputeReason ? (
          <div className="sm:col-span-2">
            <dt className="text-slate-600">{t('orders.detail.disputeReason')}</dt>
            <dd className="mt-0.5 whitespace-pre-line text-slate-900">{order.disputeReason}</dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}

/** How to pay: the copied receiving account and the reference to write on the transfer (附言). */
export function PaymentInstructions({ order, showHint }: { order: PageOrder; showHint: boolean }) {
  const t = useT();
  const money = useMoney();
  const hasAccount = order.accountNo !== null;
  return (
    <section className="card" aria-labelledby="order-payment">
      <h2 id="order-payment" className="text-lg font-semibold">
        {t('orders.detail.payment')}
      </h2>
      {showHint && hasAccount ? (
        <p className="mt-2 text-sm text-slate-700">
          {t('orders.detail.payHint', { amount: money(order.payableFen), reference: order.paymentReference })}
        </p>
      ) : null}
      <dl className="mt-3 grid grid-cols-1 gap-3 text-sm sm:grid-cols-2">
        <Fact label={t('orders.detail.method')}>{t(`orders.method.${order.paymentMethod}`)}</Fact>
        <Fact label={t('orders.detail.reference')}>
          <span className="font-mono text-base tracking-wider" data-testid="payment-reference">
            {order.paymentReference}
          </span>
        </Fact>
        {hasAccount ? (
          <>
            <Fact label={t('orders.detail.accountName')}>{order.accountName}</Fact>
            <Fact label={t('orders.detail.bankName')}>{order.bankName}</Fact>
            <Fact label={t('orders.detail.accountNo')}>
              <span className="font-mono" data-testid="account-no">
                {order.accountNo}
              </span>
            </Fact>
          </>
        ) : null}
      </dl>
      {!hasAccount && order.paymentMethod === 'bank_transfer' ? (
        <p className="mt-3 text-sm text-amber-900">{t('orders.detail.noAccount')}</p>
      ) : null}
    </section>
  );
}

export interface PageHistoryEntry {
  action: string;
  by: string;
  at: string;
  detail?: Record<string, unknown>;
}

/** The order's history, oldest first: what, who (role), when, and a reason or reference if any. */
export function OrderHistoryList({ history }: { history: PageHistoryEntry[] }) {
  const t = useT();
  const { dateTime } = useDateFormats();
  return (
    <section className="card" aria-labelledby="order-history">
      <h2 id="order-history" className="text-lg font-semibold">
        {t('orders.detail.history')}
      </h2>
      <ol className="mt-3 space-y-2 text-sm" data-testid="order-history">
        {history.map((h, i) => {
          const note = ['reason', 'transferReference', 'reference', 'deployedOn', 'note', 'resolution', 'programmeName']
            .map((k) => h.detail?.[k])
            .filter((v): v is string => typeof v === 'string');
          // An order whose cloud voucher (上云券) covers all of it is paid by the voucher, not by money.
          if (h.detail?.paidBy === 'voucher') note.push(t('vouchers.history.paidByVoucher'));
          return (
            <li key={i} className="border-l-2 border-slate-200 pl-3">
              <span className="font-medium text-slate-900">
                {t(`orders.action.${h.action}` as MessageKey)}
              </span>
              {' · '}
              {t(`orders.by.${h.by}` as MessageKey)}
              {' · '}
              <time dateTime={h.at}>{dateTime(h.at)}</time>
              {note.length ? (
                <span className="block whitespace-pre-line text-slate-700">{note.join(' · ')}</span>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** A status filter for the order lists: a plain GET form, so it works without JavaScript. */
export function OrderStatusFilter({ status }: { status: string | null }) {
  const t = useT();
  return (
    <Form method="get" className="mt-4 flex flex-wrap items-end gap-2">
      <div>
        <label htmlFor="status" className="label">
          {t('orders.filter.status')}
        </label>
        <select id="status" name="status" defaultValue={status ?? ''} className="input">
          <option value="">{t('orders.filter.all')}</option>
          {ORDER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`orders.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn-secondary">
        {t('orders.filter.apply')}
      </button>
    </Form>
  );
}

/** The order list of one side; `counterparty` is the column naming the other side. */
export function OrderTable({
  rows,
  counterparty,
  basePath,
  page,
  pageSize,
  total,
  empty,
}: {
  rows: PageOrder[];
  counterparty: 'provider' | 'enterprise';
  basePath: string;
  page: number;
  pageSize: number;
  total: number;
  empty: ReactNode;
}) {
  const t = useT();
  const money = useMoney();
  const title = useOfferingTitle();
  const { dateTime } = useDateFormats();
  return (
    <PagedTable
      empty={rows.length === 0 ? empty : null}
      testId="order-list"
      caption={t('orders.listLabel')}
      page={page}
      pageSize={pageSize}
      total={total}
      head={
        <>
          <th scope="col">{t('orders.col.offering')}</th>
          <th scope="col">
            {t(counterparty === 'provider' ? 'orders.col.provider' : 'orders.col.enterprise')}
          </th>
          <th scope="col">{t('orders.col.payable')}</th>
          <th scope="col">{t('orders.col.status')}</th>
          <th scope="col">{t('orders.col.createdAt')}</th>
          <th scope="col">
            <span className="sr-only">{t('orders.view')}</span>
          </th>
        </>
      }
    >
      {rows.map((o) => (
        <tr key={o.id}>
          <th scope="row" className="font-medium">
            {title(o)}
            <span className="block font-mono text-xs font-normal text-slate-600">{o.paymentReference}</span>
          </th>
          <td>{counterparty === 'provider' ? o.providerName : o.enterpriseName}</td>
          <td className="whitespace-nowrap">{money(o.payableFen)}</td>
          <td>
            <OrderStatusBadge status={o.status} />
          </td>
          <td className="whitespace-nowrap">{dateTime(o.createdAt)}</td>
          <td>
            <Link
              to={`${basePath}/${o.id}`}
              className="link whitespace-nowrap"
              aria-label={t('orders.viewLabel', { reference: o.paymentReference })}
            >
              {t('orders.view')}
            </Link>
          </td>
        </tr>
      ))}
    </PagedTable>
  );
}

/** Where an order leads on each side: the deployment it was recorded as, and the request thread it came from. */
export function OrderLinks({
  eventHref,
  threadHref,
}: {
  eventHref: string | null;
  threadHref: string | null;
}) {
  const t = useT();
  if (!eventHref && !threadHref) return null;
  return (
    <p className="flex flex-wrap gap-4 text-sm">
      {eventHref ? (
        <Link to={eventHref} className="link">
          {t('orders.detail.eventLink')}
        </Link>
      ) : null}
      {threadHref ? (
        <Link to={threadHref} className="link">
          {t('orders.detail.threadLink')}
        </Link>
      ) : null}
    </p>
  );
}
