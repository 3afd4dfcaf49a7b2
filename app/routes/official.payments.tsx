import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/schemas/parse.server';
import { useServerForm } from '~/components/server-form';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useDateFormats } from '~/components/adoption';
import { FormErrors, SuccessMessage, TextAreaField } from '~/components/form';
import { useMoney } from '~/components/orders';
import { PagedTable } from '~/components/paged-table';
import { prefectureName } from '~/domain/prefectures';
import type { MessageKey } from '~/i18n';
import { useLocale, useT } from '~/i18n/use-t';
import { PAYMENT_FLAGS_PAGE_SIZE, listPaymentFlags, resolvePaymentFlag } from '~/models/payment-flags.server';
import { PaymentFlagQuerySchema, PaymentFlagResolveSchema } from '~/schemas/orders.server';
import { requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { readFlash, redirectWithFlash } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

/** /official/payments — online payments the webhook flagged (not marked paid), in the official's scope. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const { t } = await getTranslator(request, user);
  const { view, page } = PaymentFlagQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const flash = await readFlash(request);
  const { rows, total } = listPaymentFlags(getDb(), user.scopePrefecture, { view, page });
  return data(
    {
      title: `${t('orders.flags.title')} · ${t('app.name')}`,
      rows,
      total,
      page,
      view,
      // Sent with the data: a value of a .server module does not exist in the browser.
      pageSize: PAYMENT_FLAGS_PAGE_SIZE,
      flash: flash.message,
    },
    { headers: flash.headers },
  );
}

/** Record what was found; out of scope or unknown answers 404, already resolved 409. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: PaymentFlagResolveSchema });
  const orderId = String(formData.get('orderId') ?? '');
  if (submission.status !== 'success') return data({ orderId, result: submission.reply() }, { status: 400 });
  const result = resolvePaymentFlag(getDb(), { userId: user.id, scopePrefecture: user.scopePrefecture, ...submission.value });
  if (result.ok) return redirectWithFlash('/official/payments', 'orders.flags.done');
  const formErrors = [result.code === 'not_found' ? 'orders.flags.errors.notFound' : 'orders.flags.errors.resolved'];
  return data({ orderId, result: submission.reply({ formErrors }) }, { status: result.code === 'not_found' ? 404 : 409 });
}

export default function OfficialPaymentFlags() {
  const { rows, total, page, view, pageSize, flash } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const money = useMoney();
  const { dateTime } = useDateFormats();
  const tab = (v: 'open' | 'resolved') =>
    `rounded-md px-3 py-1.5 text-sm ${v === view ? 'bg-brand-700 text-white' : 'text-brand-800 underline'}`;
  return (
    <section>
      <h1 className="text-2xl font-bold" data-testid="console-title">
        {t('orders.flags.title')}
      </h1>
      <p className="mt-2 max-w-3xl text-sm text-slate-700">{t('orders.flags.lead')}</p>
      <nav className="mt-3 flex gap-2" aria-label={t('orders.flags.views')}>
        <Link to="?view=open" className={tab('open')} aria-current={view === 'open' ? 'page' : undefined}>
          {t('orders.flags.open')}
        </Link>
        <Link to="?view=resolved" className={tab('resolved')} aria-current={view === 'resolved' ? 'page' : undefined}>
          {t('orders.flags.resolved')}
        </Link>
      </nav>
      {flash ? (
        <div className="mt-4">
          <SuccessMessage>{t(flash as MessageKey)}</SuccessMessage>
        </div>
      ) : null}
      <PagedTable
        empty={rows.length === 0 ? t(view === 'open' ? 'orders.flags.emptyOpen' : 'orders.flags.emptyResolved') : null}
        testId="payment-flag-list"
        caption={t('orders.flags.listLabel')}
        page={page}
        pageSize={pageSize}
        total={total}
        head={
          <>
            <th scope="col">{t('orders.flags.col.order')}</th>
            <th scope="col">{t('orders.flags.col.parties')}</th>
            <th scope="col">{t('orders.flags.col.amounts')}</th>
            <th scope="col">{t('orders.flags.col.reason')}</th>
            <th scope="col">{view === 'open' ? t('orders.flags.col.action') : t('orders.flags.col.resolution')}</th>
          </>
        }
      >
        {rows.map((r) => (
          <tr key={r.orderId}>
            <th scope="row" className="align-top font-medium">
              {r.paymentReference}
              <span className="block text-xs font-normal text-slate-600">{t(`orders.status.${r.orderStatus}` as MessageKey)}</span>
            </th>
            <td className="align-top">
              {r.enterpriseName}
              <span className="block text-xs text-slate-600">{prefectureName(r.prefecture, locale) ?? r.prefecture}</span>
              <span className="block text-xs text-slate-600">
                {r.providerName} · {r.offeringTitle}
              </span>
            </td>
            <td className="whitespace-nowrap align-top text-sm">
              {t('orders.flags.payable', { amount: money(r.payableFen) })}
              <span className="block">{t('orders.flags.session', { amount: money(r.sessionAmountFen) })}</span>
            </td>
            <td className="max-w-xs align-top text-sm">
              {r.flaggedReason}
              <span className="block text-xs text-slate-600">{dateTime(r.flaggedAt)}</span>
            </td>
            <td className="min-w-64 align-top">
              {view === 'open' ? (
                <ResolveForm orderId={r.orderId} />
              ) : (
                <p className="text-sm">
                  {r.resolution}
                  <span className="block text-xs text-slate-600">{r.resolvedAt ? dateTime(r.resolvedAt) : null}</span>
                </p>
              )}
            </td>
          </tr>
        ))}
      </PagedTable>
    </section>
  );
}

function ResolveForm({ orderId }: { orderId: string }) {
  const t = useT();
  const reply = useActionData<typeof action>();
  const [form, fields] = useServerForm<typeof PaymentFlagResolveSchema>({
    id: `resolve-${orderId}`,
    lastResult: reply?.orderId === orderId ? reply.result : undefined,
  });
  return (
    <Form method="post" {...getFormProps(form)} className="text-sm">
      <input type="hidden" name="orderId" value={orderId} />
      <FormErrors errors={form.errors} />
      <TextAreaField label={t('orders.flags.resolution')} field={fields.resolution} rows={2} hint={t('orders.flags.resolutionHint')} />
      <button type="submit" className="btn-secondary">
        {t('orders.flags.resolve')}
      </button>
    </Form>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
