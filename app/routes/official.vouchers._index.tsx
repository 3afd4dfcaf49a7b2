import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { SuccessMessage } from '~/components/form';
import { useMoney } from '~/components/orders';
import { PagedTable } from '~/components/paged-table';
import { ScopeName, useProgrammeTerms } from '~/components/vouchers';
import type { MessageKey } from '~/i18n';
import { useT } from '~/i18n/use-t';
import { listProgrammesForOfficial } from '~/models/voucher-programmes.server';
import { PageQuerySchema } from '~/schemas/vetting.server';
import { requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { readFlash } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

/**
 * /official/vouchers — the cloud voucher programmes (上云券) an official sees: a provincial
 * official all of them, a prefecture official its prefecture's and the provincial ones, each with
 * its budget and the money committed, paid out, released and left.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const { t } = await getTranslator(request, user);
  const { page } = PageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const list = listProgrammesForOfficial(getDb(), { userId: user.id, scopePrefecture: user.scopePrefecture }, { page });
  const flash = await readFlash(request);
  return data(
    { title: `${t('vouchers.title')} · ${t('app.name')}`, ...list, flash: flash.message },
    { headers: flash.headers },
  );
}

export default function OfficialVouchers() {
  const { programmes, total, page, pageSize, flash } = useLoaderData<typeof loader>();
  const t = useT();
  const money = useMoney();
  const terms = useProgrammeTerms();
  return (
    <section>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold" data-testid="console-title">
            {t('vouchers.title')}
          </h1>
          <p className="mt-2 max-w-3xl text-sm text-slate-700">{t('vouchers.lead')}</p>
        </div>
        <Link to="/official/vouchers/new" className="btn-primary">
          {t('vouchers.new')}
        </Link>
      </header>
      {flash ? <SuccessMessage>{t(flash as MessageKey)}</SuccessMessage> : null}
      <PagedTable
        empty={programmes.length === 0 ? t('vouchers.empty') : null}
        testId="voucher-programmes"
        caption={t('vouchers.caption')}
        page={page}
        pageSize={pageSize}
        total={total}
        head={
          <>
            <th scope="col">{t('vouchers.col.name')}</th>
            <th scope="col">{t('vouchers.col.scope')}</th>
            <th scope="col">{t('vouchers.col.window')}</th>
            <th scope="col" className="text-right">{t('vouchers.col.budget')}</th>
            <th scope="col" className="text-right">{t('vouchers.col.committed')}</th>
            <th scope="col" className="text-right">{t('vouchers.col.paidOut')}</th>
            <th scope="col" className="text-right">{t('vouchers.col.released')}</th>
            <th scope="col" className="text-right">{t('vouchers.col.remaining')}</th>
          </>
        }
      >
        {programmes.map((p) => (
          <tr key={p.id} data-programme={p.id}>
            <th scope="row" className="min-w-[12rem] font-normal">
              <Link to={`/official/vouchers/${p.id}`} className="link font-medium">
                {p.name}
              </Link>
              <span className="block text-xs text-slate-600">{terms(p)}</span>
            </th>
            <td>
              <ScopeName scope={p.scopePrefecture} />
            </td>
            <td className="whitespace-nowrap">{t('vouchers.window', { from: p.validFrom, until: p.validUntil })}</td>
            <td className="whitespace-nowrap text-right tabular-nums">{money(p.totals.budgetFen)}</td>
            <td className="whitespace-nowrap text-right tabular-nums">{money(p.totals.committedFen)}</td>
            <td className="whitespace-nowrap text-right tabular-nums">{money(p.totals.paidOutFen)}</td>
            <td className="whitespace-nowrap text-right tabular-nums">{money(p.totals.releasedFen)}</td>
            <td className="whitespace-nowrap text-right tabular-nums">{money(p.totals.remainingFen)}</td>
          </tr>
        ))}
      </PagedTable>
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
