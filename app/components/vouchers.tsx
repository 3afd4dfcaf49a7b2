import { getFormProps, type SubmissionResult } from '@conform-to/react';
import { useServerForm } from '~/components/server-form';
import { Form, Link, useNavigation } from '@remix-run/react';
import type { ReactNode } from 'react';
import { CheckboxGroup, FieldErrors, FormErrors, SelectField, TextField } from '~/components/form';
import { useMoney } from '~/components/orders';
import { ADOPTION_LEVELS } from '~/domain/adoption-levels';
import { clusterName, type TaxonomyVersion } from '~/domain/clusters';
import { SIZE_CLASSES } from '~/domain/enterprise-size';
import { PREFECTURES, prefectureName } from '~/domain/prefectures';
import type { VoucherTotals } from '~/domain/vouchers';
import { useLocale, useT } from '~/i18n/use-t';
import { fenToYuanInput } from '~/domain/offering-options';
import type { ProgrammeFormSchema } from '~/schemas/vouchers';
import { HelpLink } from './help-link';

// UI of cloud vouchers (上云券): the officials' programme form, money tables and report, and the
// voucher section of the SME's order page.

/** A programme as the form shows it back (amounts in fen). */
export interface ProgrammeValues {
  name: string;
  kind: 'fixed' | 'percent';
  amountFen: number | null;
  percent: number | null;
  capPerOrderFen: number;
  firstClaimCapFen: number;
  laterClaimsCapFen: number;
  eligibleLevels: string[];
  eligibleSizeClasses: string[];
  prefectureCodes: string[];
  budgetFen: number;
  validFrom: string;
  validUntil: string;
  confirmWithinDays: number;
}

/**
 * Create and edit form of a programme. `fixedPrefecture`: the prefecture a prefecture official's
 * (or a prefecture's) programme is bound to, shown instead of the prefecture choice.
 */
export function ProgrammeForm({
  mode,
  defaults,
  fixedPrefecture,
  lastResult,
}: {
  mode: 'create' | 'edit';
  defaults?: ProgrammeValues;
  fixedPrefecture: string | null;
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === 'submitting';
  const [form, fields] = useServerForm<typeof ProgrammeFormSchema>({
    id: `voucher-programme-${mode}`,
    lastResult,
    defaultValue: defaults
      ? {
          name: defaults.name,
          kind: defaults.kind,
          amount: fenToYuanInput(defaults.amountFen),
          percent: defaults.percent === null ? '' : String(defaults.percent),
          capPerOrder: fenToYuanInput(defaults.capPerOrderFen),
          firstClaimCap: fenToYuanInput(defaults.firstClaimCapFen),
          laterClaimsCap: fenToYuanInput(defaults.laterClaimsCapFen),
          eligibleLevels: defaults.eligibleLevels,
          eligibleSizeClasses: defaults.eligibleSizeClasses,
          prefectureCodes: defaults.prefectureCodes,
          budget: fenToYuanInput(defaults.budgetFen),
          validFrom: defaults.validFrom,
          validUntil: defaults.validUntil,
          confirmWithinDays: String(defaults.confirmWithinDays),
        }
      : { kind: 'fixed', confirmWithinDays: '30' },
  });
  const kinds = [
    { value: 'fixed', label: t('vouchers.kind.fixed') },
    { value: 'percent', label: t('vouchers.kind.percent') },
  ];
  return (
    <Form method="post" {...getFormProps(form)} className="card max-w-2xl">
      <FormErrors errors={form.errors} />
      <TextField label={t('vouchers.field.name')} field={fields.name} />
      <SelectField label={t('vouchers.field.kind')} field={fields.kind} options={kinds} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField label={t('vouchers.field.amount')} field={fields.amount} hint={t('vouchers.field.amountHint')} inputMode="decimal" />
        <TextField
          label={t('vouchers.field.percent')}
          field={fields.percent}
          type="number"
          step="1"
          inputMode="numeric"
          hint={t('vouchers.field.percentHint')}
        />
      </div>
      <TextField label={t('vouchers.field.capPerOrder')} field={fields.capPerOrder} inputMode="decimal" />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField label={t('vouchers.field.firstClaimCap')} field={fields.firstClaimCap} hint={t('vouchers.field.firstClaimCapHint')} inputMode="decimal" />
        <TextField label={t('vouchers.field.laterClaimsCap')} field={fields.laterClaimsCap} hint={t('vouchers.field.laterClaimsCapHint')} inputMode="decimal" />
      </div>
      <TextField label={t('vouchers.field.budget')} field={fields.budget} hint={t('vouchers.field.budgetHint')} inputMode="decimal" />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField label={t('vouchers.field.validFrom')} field={fields.validFrom} type="date" />
        <TextField label={t('vouchers.field.validUntil')} field={fields.validUntil} type="date" />
      </div>
      <TextField
        label={t('vouchers.field.confirmWithinDays')}
        field={fields.confirmWithinDays}
        type="number"
        step="1"
        inputMode="numeric"
        hint={t('vouchers.field.confirmWithinDaysHint')}
      />
      <CheckboxGroup
        legend={t('vouchers.field.levels')}
        field={fields.eligibleLevels}
        options={ADOPTION_LEVELS.map((l) => ({ value: l.id, label: locale === 'en' ? l.nameEn : l.nameZh }))}
        optional
      />
      <CheckboxGroup
        legend={t('vouchers.field.sizes')}
        field={fields.eligibleSizeClasses}
        options={SIZE_CLASSES.map((c) => ({ value: c.id, label: locale === 'en' ? c.nameEn : c.nameZh }))}
        optional
      />
      {fixedPrefecture ? (
        <p className="mb-4 text-sm text-slate-700" data-testid="fixed-prefecture">
          {t('vouchers.field.prefectureFixed', { prefecture: prefectureName(fixedPrefecture, locale) ?? fixedPrefecture })}
        </p>
      ) : (
        <CheckboxGroup
          legend={t('vouchers.field.prefectures')}
          field={fields.prefectureCodes}
          options={PREFECTURES.map((p) => ({ value: p.code, label: locale === 'en' ? p.nameEn : p.nameZh }))}
          optional
        />
      )}
      <p className="mb-4 text-xs text-slate-600">{t('vouchers.field.anyHint')}</p>
      {mode === 'edit' ? <p className="mb-4 text-sm text-slate-700">{t('vouchers.field.editHint')}</p> : null}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn-primary" disabled={busy}>
          {mode === 'create' ? t('vouchers.create') : t('vouchers.save')}
        </button>
        <Link to="/official/vouchers" className="btn-secondary">
          {t('vouchers.cancel')}
        </Link>
      </div>
    </Form>
  );
}

/** What a programme pays: "¥2,000.00 per order" or "30% (rounded down to the fen)", with the cap. */
export function useProgrammeTerms() {
  const t = useT();
  const money = useMoney();
  return (p: { kind: 'fixed' | 'percent'; amountFen: number | null; percent: number | null; capPerOrderFen?: number }) => {
    const base =
      p.kind === 'fixed'
        ? t('vouchers.terms.fixed', { amount: money(p.amountFen ?? 0) })
        : t('vouchers.terms.percent', { percent: p.percent ?? 0 });
    return p.capPerOrderFen === undefined ? base : `${base}${t('vouchers.terms.cap', { cap: money(p.capPerOrderFen) })}`;
  };
}

export function ScopeName({ scope }: { scope: string | null }) {
  const t = useT();
  const locale = useLocale();
  return <>{scope === null ? t('vouchers.scopeProvince') : (prefectureName(scope, locale) ?? scope)}</>;
}

/** A programme's budget, committed, paid out, released and remaining. */
export function TotalsList({ totals }: { totals: VoucherTotals }) {
  const t = useT();
  const money = useMoney();
  const item = (label: string, value: ReactNode, testId: string) => (
    <div>
      <dt className="text-slate-600">{label}</dt>
      <dd className="mt-0.5 font-medium tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
  return (
    <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-5">
      {item(t('vouchers.col.budget'), money(totals.budgetFen), 'total-budget')}
      {item(t('vouchers.col.committed'), money(totals.committedFen), 'total-committed')}
      {item(t('vouchers.col.paidOut'), money(totals.paidOutFen), 'total-paid-out')}
      {item(t('vouchers.col.released'), money(totals.releasedFen), 'total-released')}
      {item(t('vouchers.col.remaining'), money(totals.remainingFen), 'total-remaining')}
    </dl>
  );
}

interface ReportRowView {
  code: string;
  committedFen: number;
  paidOutFen: number;
  releasedFen: number;
  claims: number;
}

/** One breakdown of the report (by prefecture or by cluster) as a table with a caption. */
export function ReportTable({
  caption,
  rows,
  nameOf,
  testId,
}: {
  caption: string;
  rows: ReportRowView[];
  nameOf: (code: string) => string;
  testId: string;
}) {
  const t = useT();
  const money = useMoney();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="table" data-testid={testId}>
        <caption className="px-3 py-2 text-left font-semibold text-slate-900">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('vouchers.col.group')}</th>
            <th scope="col" className="text-right">{t('vouchers.col.committed')}</th>
            <th scope="col" className="text-right">{t('vouchers.col.paidOut')}</th>
            <th scope="col" className="text-right">{t('vouchers.col.released')}</th>
            <th scope="col" className="text-right">{t('vouchers.col.claims')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code}>
              <th scope="row" className="font-normal">
                {nameOf(r.code)}
              </th>
              <td className="text-right tabular-nums">{money(r.committedFen)}</td>
              <td className="text-right tabular-nums">{money(r.paidOutFen)}</td>
              <td className="text-right tabular-nums">{money(r.releasedFen)}</td>
              <td className="text-right tabular-nums">{r.claims}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function useClusterName(taxonomy: TaxonomyVersion) {
  const locale = useLocale();
  return (code: string) => clusterName(code, taxonomy, locale) ?? code;
}

export function usePrefectureName() {
  const locale = useLocale();
  return (code: string) => prefectureName(code, locale) ?? code;
}

// --- the SME's order page -----------------------------------------------------------------------

export interface OrderVoucherView {
  programmeName: string;
  amountFen: number;
  status: 'committed' | 'paid_out' | 'released';
  releaseReason?: 'cancelled' | 'refunded' | 'expired' | 'replaced';
  confirmBy?: string;
}

export interface UsableVoucherView {
  id: string;
  name: string;
  kind: 'fixed' | 'percent';
  amountFen: number | null;
  percent: number | null;
  validUntil: string;
  confirmWithinDays: number;
  subsidyFen: number;
}

/** The order's voucher, and (while it is unpaid) the programmes the SME can apply. Works without JavaScript. */
export function OrderVoucherSection({
  current,
  usable,
  unpaid,
  errors,
}: {
  current: OrderVoucherView | null;
  usable: UsableVoucherView[];
  unpaid: boolean;
  errors?: string[];
}) {
  const t = useT();
  const money = useMoney();
  const terms = useProgrammeTerms();
  const busy = useNavigation().state === 'submitting';
  if (!current && !unpaid) return null;
  const withdrawn = current?.status === 'released' && current.releaseReason === 'expired';
  return (
    <section className="card space-y-3" aria-labelledby="order-voucher" data-testid="order-voucher">
      <h2 id="order-voucher" className="text-lg font-semibold">
        {t('vouchers.order.title')}
      </h2>
      <p>
        <HelpLink topic="vouchers" />
      </p>
      {current ? (
        <div className={withdrawn ? 'rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900' : 'text-sm text-slate-800'}>
          <p className="font-medium">
            {current.programmeName} · −{money(current.amountFen)}
          </p>
          <p data-testid="voucher-status">
            {withdrawn
              ? t('vouchers.order.withdrawn', { date: current.confirmBy ?? '' })
              : current.status === 'released'
                ? t(`vouchers.order.released.${current.releaseReason ?? 'cancelled'}`)
                : current.status === 'paid_out'
                  ? t('vouchers.order.paidOut')
                  : current.confirmBy
                    ? t('vouchers.order.confirmBy', { date: current.confirmBy })
                    : t('vouchers.order.committed')}
          </p>
        </div>
      ) : null}
      {unpaid && usable.length > 0 ? (
        <Form method="post" className="space-y-3">
          <input type="hidden" name="intent" value="voucher" />
          <fieldset aria-describedby={errors?.length ? 'voucher-errors' : undefined}>
            <legend className="label">{current ? t('vouchers.order.switch') : t('vouchers.order.choose')}</legend>
            <ul className="space-y-2">
              {usable.map((v, i) => (
                <li key={v.id}>
                  <label className="flex items-start gap-2 text-sm">
                    <input type="radio" name="voucherProgrammeId" value={v.id} defaultChecked={i === 0} className="mt-1 h-4 w-4" />
                    <span>
                      <span className="font-medium text-slate-900">{v.name}</span>
                      <span className="block text-slate-700">
                        {t('vouchers.order.saves', { amount: money(v.subsidyFen) })} · {terms(v)} ·{' '}
                        {t('vouchers.order.validUntil', { date: v.validUntil })} ·{' '}
                        {t('vouchers.order.confirmWithin', { days: v.confirmWithinDays })}
                      </span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
            <FieldErrors id="voucher-errors" errors={errors} />
          </fieldset>
          <p className="text-xs text-slate-600">{t('vouchers.order.rule')}</p>
          <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy} data-testid="apply-voucher">
            {t('vouchers.order.apply')}
          </button>
        </Form>
      ) : unpaid && !current ? (
        <p className="text-sm text-slate-700" data-testid="no-vouchers">
          {t('vouchers.order.none')}
        </p>
      ) : null}
      {unpaid && errors?.length && usable.length === 0 ? <FieldErrors errors={errors} /> : null}
    </section>
  );
}
