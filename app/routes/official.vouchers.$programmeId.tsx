import { parseWithZod } from '~/schemas/parse.server';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { AuditHistory } from '~/components/audit-history';
import { SuccessMessage } from '~/components/form';
import { useMoney } from '~/components/orders';
import {
  ProgrammeForm,
  ReportTable,
  ScopeName,
  TotalsList,
  useClusterName,
  usePrefectureName,
  useProgrammeTerms,
} from '~/components/vouchers';
import { levelName, type AdoptionLevel } from '~/domain/adoption-levels';
import { sizeClassName, type SizeClass } from '~/domain/enterprise-size';
import type { MessageKey } from '~/i18n';
import { useLocale, useT } from '~/i18n/use-t';
import { auditHistory } from '~/models/vetting.server';
import { programmeForOfficial, updateProgramme } from '~/models/voucher-programmes.server';
import { programmeReport } from '~/models/voucher-report.server';
import { ProgrammeFormSchema } from '~/schemas/vouchers.server';
import { forbidden, notFound, requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { readFlash } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';
import { programmeFormAnswer } from '~/utils/voucher-pages.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

/**
 * /official/vouchers/:programmeId — a programme's money (budget, committed, paid out, released) by
 * prefecture and cluster with its CSV, its audited changes, and the edit form for an official who
 * manages it. Another prefecture's programme is 404; a provincial one is read-only for a
 * prefecture official, whose breakdown shows its own prefecture.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const db = getDb();
  const found = programmeForOfficial(db, { userId: user.id, scopePrefecture: user.scopePrefecture }, params.programmeId ?? '');
  if (!found) notFound();
  const { programme, access } = found;
  const { t } = await getTranslator(request, user);
  const flash = await readFlash(request);
  return data(
    {
      title: `${programme.name} · ${t('vouchers.title')} · ${t('app.name')}`,
      programme,
      canManage: access === 'manage',
      report: programmeReport(db, programme, { prefecture: user.scopePrefecture }),
      history: auditHistory(db, 'voucher_programme', programme.id).map(({ actorEmail: _email, ...h }) => h),
      flash: flash.message,
    },
    { headers: flash.headers },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const official = { userId: user.id, scopePrefecture: user.scopePrefecture };
  const db = getDb();
  const found = programmeForOfficial(db, official, params.programmeId ?? '');
  if (!found) notFound();
  if (found.access !== 'manage') forbidden();
  const submission = parseWithZod(await request.formData(), { schema: ProgrammeFormSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  return programmeFormAnswer(updateProgramme(db, found.programme.id, submission.value, official), submission, 'vouchers.done.updated');
}

export default function VoucherProgrammePage() {
  const { programme, canManage, report, history, flash } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const money = useMoney();
  const terms = useProgrammeTerms();
  const prefecture = usePrefectureName();
  const cluster = useClusterName(report.taxonomy);
  const any = t('vouchers.any');
  const listOf = (codes: string[], name: (c: string) => string) => (codes.length ? codes.map(name).join('、') : any);
  return (
    <section className="space-y-6">
      <Link to="/official/vouchers" className="link text-sm">
        ← {t('vouchers.back')}
      </Link>
      <header>
        <h1 className="text-2xl font-bold" data-testid="console-title">
          {programme.name}
        </h1>
        <p className="mt-1 text-sm text-slate-700">
          <ScopeName scope={programme.scopePrefecture} /> · {terms(programme)} ·{' '}
          {t('vouchers.window', { from: programme.validFrom, until: programme.validUntil })}
        </p>
      </header>
      {flash ? <SuccessMessage>{t(flash as MessageKey)}</SuccessMessage> : null}

      <section className="card space-y-3" aria-labelledby="programme-money">
        <h2 id="programme-money" className="text-lg font-semibold">
          {t('vouchers.report.totals')}
        </h2>
        <TotalsList totals={report.totals} />
        <dl className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-600">{t('vouchers.field.caps')}</dt>
            <dd>
              {t('vouchers.caps', {
                first: money(programme.firstClaimCapFen),
                later: money(programme.laterClaimsCapFen),
                days: programme.confirmWithinDays,
              })}
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">{t('vouchers.field.levels')}</dt>
            <dd>{listOf(programme.eligibleLevels, (c) => levelName(c as AdoptionLevel, locale))}</dd>
          </div>
          <div>
            <dt className="text-slate-600">{t('vouchers.field.sizes')}</dt>
            <dd>{listOf(programme.eligibleSizeClasses, (c) => sizeClassName(c as SizeClass, locale))}</dd>
          </div>
          <div>
            <dt className="text-slate-600">{t('vouchers.field.prefectures')}</dt>
            <dd>{listOf(programme.prefectureCodes, prefecture)}</dd>
          </div>
        </dl>
      </section>

      <section className="space-y-3" aria-labelledby="programme-report">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="programme-report" className="text-lg font-semibold">
            {t('vouchers.report.title')}
          </h2>
          <a href={`/official/vouchers/${programme.id}/report.csv`} className="btn-secondary" download>
            {t('vouchers.report.csv')}
          </a>
        </div>
        {report.scopedTo ? (
          <p className="text-sm text-slate-700">{t('vouchers.report.scoped', { prefecture: prefecture(report.scopedTo) })}</p>
        ) : null}
        <div className="grid gap-4 lg:grid-cols-2">
          <ReportTable caption={t('vouchers.report.byPrefecture')} rows={report.byPrefecture} nameOf={prefecture} testId="report-prefectures" />
          <ReportTable caption={t('vouchers.report.byCluster')} rows={report.byCluster} nameOf={cluster} testId="report-clusters" />
        </div>
      </section>

      {canManage ? (
        <section className="space-y-3" aria-labelledby="programme-edit">
          <h2 id="programme-edit" className="text-lg font-semibold">
            {t('vouchers.edit')}
          </h2>
          <ProgrammeForm mode="edit" defaults={programme} fixedPrefecture={programme.scopePrefecture} lastResult={lastResult} />
        </section>
      ) : (
        <p className="text-sm text-slate-700">{t('vouchers.readOnly')}</p>
      )}

      <AuditHistory entries={history} />
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
