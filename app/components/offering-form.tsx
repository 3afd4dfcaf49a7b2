import { getFieldsetProps, getFormProps, type SubmissionResult } from '@conform-to/react';
import { useServerForm } from '~/components/server-form';
import { Form } from '@remix-run/react';
import { formatInChina } from '~/domain/adoption-dates';
import { ADOPTION_LEVELS, levelName, type AdoptionLevel } from '~/domain/adoption-levels';
import {
  BILLING_CYCLES,
  CATEGORIES,
  OFFERING_STATUSES,
  PROVIDER_STATUSES,
  STAGES,
  formatFen,
  vocabularyName,
  type OfferingStatus,
  type ProviderStatus,
} from '~/domain/catalog-vocabulary';
import { SIZE_CLASSES, sizeClassName, type SizeClass } from '~/domain/enterprise-size';
import { industryName } from '~/domain/industries';
import { prefectureName } from '~/domain/prefectures';
import type { Locale } from '~/i18n/locale';
import { useLocale, useT } from '~/i18n/use-t';
import { MAX_PLANS, OFFERING_SIZES } from '~/domain/offering-options';
import type { OfferingFormInput } from '~/schemas/offerings';
import { CheckboxGroup, FieldErrors, FormErrors, SelectField, TextAreaField, TextField } from './form';
import { industryOptions, prefectureOptions } from './options';

const terms = (list: readonly { id: string; nameZh: string; nameEn: string }[], locale: Locale) =>
  list.map((x) => ({ value: x.id, label: locale === 'en' ? x.nameEn : x.nameZh }));

/**
 * The offering editor (new and edit pages). Plans use Conform's list intents: "add" and
 * "remove" are submit buttons, and the action answers the changed list, with or without
 * JavaScript (the page checks nothing itself: docs/decisions/0009-page-javascript.md).
 */
export function OfferingForm(props: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Record<string, unknown>;
  submitLabel: string;
  submitting: boolean;
  /** A published offering keeps its code: shown as text and sent unchanged. */
  lockExternalId?: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useServerForm<OfferingFormInput>({
    lastResult: props.lastResult,
    defaultValue: props.defaultValue ?? { plans: [{ billing: 'month' }] },
  });
  const plans = fields.plans.getFieldList();
  // Manufacturing divisions only (catalog-import: industries "13"…"43").
  const industries = industryOptions(locale).filter((o) => Number(o.value) >= 13 && Number(o.value) <= 43);
  const sizes = OFFERING_SIZES.map((s) => ({ value: s, label: sizeClassName(s, locale) }));
  return (
    <Form method="post" {...getFormProps(form)} className="card">
      {/* First submit button in the form: pressing Enter in a field saves instead of adding/removing a plan. */}
      <button type="submit" className="sr-only" tabIndex={-1} aria-hidden="true" />
      <FormErrors errors={form.errors} />
      <h2 className="mb-3 text-lg font-semibold">{t('provider.f.basics')}</h2>
      <div className="grid gap-x-4 sm:grid-cols-2">
        {props.lockExternalId ? (
          <div className="mb-4">
            <p className="label">{t('provider.f.externalId')}</p>
            <p className="py-2 font-mono text-sm text-slate-900">{fields.externalId.initialValue}</p>
            <input type="hidden" name={fields.externalId.name} value={fields.externalId.initialValue ?? ''} />
            <FieldErrors id={fields.externalId.errorId} errors={fields.externalId.errors} />
          </div>
        ) : (
          <TextField label={t('provider.f.externalId')} field={fields.externalId} hint={t('provider.f.externalIdHint')} autoComplete="off" />
        )}
        <SelectField label={t('provider.f.level')} field={fields.level} options={terms(ADOPTION_LEVELS, locale)} />
        <TextField label={t('provider.f.title')} field={fields.title} />
        <TextField label={t('provider.f.titleEn')} field={fields.titleEn} optional />
      </div>
      <TextField label={t('provider.f.summary')} field={fields.summary} hint={t('provider.f.summaryHint')} />
      <TextAreaField label={t('provider.f.description')} field={fields.description} hint={t('provider.f.descriptionHint')} optional rows={6} />
      <TextField label={t('provider.f.tags')} field={fields.tags} hint={t('provider.f.tagsHint')} optional />

      <h2 className="mb-3 mt-6 text-lg font-semibold">{t('provider.f.audience')}</h2>
      <CheckboxGroup legend={t('provider.f.categories')} field={fields.categories} options={terms(CATEGORIES, locale)} />
      <CheckboxGroup legend={t('provider.f.stages')} field={fields.stages} options={terms(STAGES, locale)} optional />
      <CheckboxGroup legend={t('provider.f.sizes')} field={fields.sizes} options={sizes} optional />
      <CheckboxGroup legend={t('provider.f.regions')} field={fields.regions} options={prefectureOptions(locale)} optional />
      <CheckboxGroup legend={t('provider.f.industries')} field={fields.industries} options={industries} optional />

      <h2 className="mb-1 mt-6 text-lg font-semibold">{t('provider.f.plans')}</h2>
      <p className="mb-3 text-sm text-slate-700">{t('provider.f.plansHint')}</p>
      {plans.map((plan, index) => {
        const p = plan.getFieldset();
        return (
          <fieldset key={plan.key} {...getFieldsetProps(plan)} className="mb-4 rounded-md border border-slate-300 p-4">
            <legend className="px-1 text-sm font-semibold">{t('provider.f.plan', { n: index + 1 })}</legend>
            <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-4">
              <TextField label={t('provider.f.planName')} field={p.name} />
              <TextField label={t('provider.f.price')} field={p.price} inputMode="decimal" optional />
              <SelectField label={t('provider.f.billing')} field={p.billing} options={terms(BILLING_CYCLES, locale)} />
              <TextField label={t('provider.f.trialDays')} field={p.trialDays} type="number" inputMode="numeric" optional />
            </div>
            {plans.length > 1 ? (
              <button {...form.remove.getButtonProps({ name: fields.plans.name, index })} className="btn-secondary px-3 py-1">
                {t('provider.f.removePlan', { n: index + 1 })}
              </button>
            ) : null}
          </fieldset>
        );
      })}
      <FieldErrors id={fields.plans.errorId} errors={fields.plans.errors} />
      {plans.length < MAX_PLANS ? (
        <button {...form.insert.getButtonProps({ name: fields.plans.name, defaultValue: { billing: 'month' } })} className="btn-secondary mb-6">
          {t('provider.f.addPlan')}
        </button>
      ) : null}
      <div>
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={props.submitting}>
          {props.submitLabel}
        </button>
      </div>
    </Form>
  );
}

const OFFERING_BADGE: Record<OfferingStatus, string> = {
  draft: 'bg-slate-100 text-slate-800',
  submitted: 'bg-amber-100 text-amber-900',
  published: 'bg-green-100 text-green-900',
  rejected: 'bg-red-100 text-red-900',
  archived: 'bg-slate-200 text-slate-700',
};

const PROVIDER_BADGE: Record<ProviderStatus, string> = {
  applied: 'bg-amber-100 text-amber-900',
  approved: 'bg-green-100 text-green-900',
  rejected: 'bg-red-100 text-red-900',
  suspended: 'bg-slate-200 text-slate-800',
};

export function OfferingStatusBadge({ status }: { status: OfferingStatus }) {
  const locale = useLocale();
  return <span className={`badge ${OFFERING_BADGE[status]}`}>{vocabularyName(OFFERING_STATUSES, status, locale)}</span>;
}

export function ProviderStatusBadge({ status }: { status: ProviderStatus }) {
  const locale = useLocale();
  return <span className={`badge ${PROVIDER_BADGE[status]}`}>{vocabularyName(PROVIDER_STATUSES, status, locale)}</span>;
}

/** Times are shown in China Standard Time whatever the server's zone, so server and browser render the same text. */
export function formatDateTime(iso: string | null, locale: Locale): string {
  if (!iso) return '';
  return formatInChina(iso, locale);
}

interface OfferingView {
  externalId: string;
  titleZh: string;
  titleEn: string | null;
  summary: string;
  description: string;
  level: AdoptionLevel;
  categories: string[];
  stages: string[];
  industries: string[];
  sizes: string[];
  regions: string[];
  tags: string[];
  plans: { id: string; name: string; priceFen: number | null; billing: string; trialDays: number | null }[];
}

/** Read-only view of an offering that cannot be edited (submitted, published, archived). */
export function OfferingDetails({ offering: o, heading }: { offering: OfferingView; heading?: string }) {
  const t = useT();
  const locale = useLocale();
  const list = (values: string[], name: (v: string) => string, all: string) => (values.length ? values.map(name).join('、') : all);
  const rows: [string, string][] = [
    [t('provider.f.externalId'), o.externalId],
    [t('provider.f.titleEn'), o.titleEn ?? t('provider.none')],
    [t('provider.f.level'), levelName(o.level, locale)],
    [t('provider.f.categories'), list(o.categories, (c) => vocabularyName(CATEGORIES, c, locale), '')],
    [t('provider.f.stages'), list(o.stages, (s) => vocabularyName(STAGES, s, locale), t('provider.none'))],
    [t('provider.f.industries'), list(o.industries, (c) => industryName(c, locale) ?? c, t('provider.detail.allIndustries'))],
    [t('provider.f.sizes'), list(o.sizes, (s) => (SIZE_CLASSES.some((c) => c.id === s) ? sizeClassName(s as SizeClass, locale) : s), t('provider.detail.allSizes'))],
    [t('provider.f.regions'), list(o.regions, (r) => prefectureName(r, locale) ?? r, t('provider.detail.allRegions'))],
    [t('provider.f.tags'), o.tags.length ? o.tags.join('、') : t('provider.none')],
  ];
  return (
    <div className="card">
      <h2 className="mb-3 text-lg font-semibold">{heading ?? t('provider.detail.info')}</h2>
      <p className="mb-2 font-medium">{o.summary}</p>
      {o.description ? <p className="mb-4 whitespace-pre-line text-sm text-slate-700">{o.description}</p> : null}
      <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-slate-700">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-4 overflow-x-auto">
        <table className="table">
          <caption className="sr-only">{t('provider.f.plans')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('provider.col.plan')}</th>
              <th scope="col">{t('provider.col.price')}</th>
              <th scope="col">{t('provider.col.billing')}</th>
              <th scope="col">{t('provider.col.trialDays')}</th>
            </tr>
          </thead>
          <tbody>
            {o.plans.map((p) => (
              <tr key={p.id}>
                <th scope="row" className="font-normal">{p.name}</th>
                <td>{formatFen(p.priceFen, locale)}</td>
                <td>{vocabularyName(BILLING_CYCLES, p.billing, locale)}</td>
                <td>{p.trialDays ? t('provider.detail.trial', { n: p.trialDays }) : t('provider.none')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
