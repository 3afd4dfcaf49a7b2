import { levelName, type AdoptionLevel } from '~/domain/adoption-levels';
import { BILLING_CYCLES, CATEGORIES, STAGES, formatFen, vocabularyName } from '~/domain/catalog-vocabulary';
import { isSizeClass, sizeClassName } from '~/domain/enterprise-size';
import { industryName } from '~/domain/industries';
import type { FieldChange, ListField, OfferingDiff, PlanChange, PlanSnapshot } from '~/domain/offering-diff';
import { prefectureName } from '~/domain/prefectures';
import type { Locale } from '~/i18n/locale';
import { useLocale, useT } from '~/i18n/use-t';

function listTermName(field: ListField, id: string, locale: Locale): string {
  switch (field) {
    case 'categories':
      return vocabularyName(CATEGORIES, id, locale);
    case 'stages':
      return vocabularyName(STAGES, id, locale);
    case 'industries':
      return industryName(id, locale) ?? id;
    case 'sizes':
      return isSizeClass(id) ? sizeClassName(id, locale) : id;
    case 'regions':
      return prefectureName(id, locale) ?? id;
    case 'tags':
      return id;
  }
}

// An empty audience list means "any industry / size / region" (formats/catalog-import.md).
const OPEN_WHEN_EMPTY: readonly ListField[] = ['industries', 'sizes', 'regions'];

/**
 * The field-by-field and plan-by-plan diff of a revision (修改对比), shown to the official who
 * decides it and to the provider who proposed it. Changes are spelled out in words as well as
 * colours, so they read the same without colour.
 */
export function OfferingDiffView({ diff }: { diff: OfferingDiff }) {
  const t = useT();
  const locale = useLocale();
  const sep = locale === 'en' ? ', ' : '、';
  const blank = t('provider.diff.blank');

  const textValue = (change: Extract<FieldChange, { kind: 'text' }>, value: string | null) => {
    if (value === null) return blank;
    return change.field === 'level' ? levelName(value as AdoptionLevel, locale) : value;
  };
  const listValue = (field: ListField, values: string[]) =>
    values.length ? values.map((v) => listTermName(field, v, locale)).join(sep) : OPEN_WHEN_EMPTY.includes(field) ? t('provider.diff.all') : blank;
  // 面议 once, not "on request · on quote".
  const planText = (p: PlanSnapshot) =>
    [
      formatFen(p.priceFen, locale),
      p.priceFen === null && p.billing === 'quote' ? null : vocabularyName(BILLING_CYCLES, p.billing, locale),
      p.trialDays ? t('provider.diff.trial', { n: p.trialDays }) : t('provider.diff.noTrial'),
    ]
      .filter(Boolean)
      .join(' · ');
  const planLabel: Record<PlanChange['kind'], string> = {
    added: t('provider.diff.planAdded'),
    removed: t('provider.diff.planRemoved'),
    changed: t('provider.diff.planChanged'),
  };

  if (diff.empty) return <p className="text-sm text-slate-700">{t('provider.diff.none')}</p>;
  return (
    <div className="space-y-4" data-testid="offering-diff">
      {diff.fields.length ? (
        <div className="overflow-x-auto">
          <table className="table">
            <caption className="sr-only">{t('provider.diff.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('provider.diff.field')}</th>
                <th scope="col">{t('provider.diff.before')}</th>
                <th scope="col">{t('provider.diff.after')}</th>
              </tr>
            </thead>
            <tbody>
              {diff.fields.map((change) => (
                <tr key={change.field} data-field={change.field}>
                  <th scope="row" className="whitespace-nowrap align-top font-medium">
                    {t(`provider.diff.field.${change.field}`)}
                  </th>
                  {change.kind === 'text' ? (
                    <>
                      <td className="max-w-md whitespace-pre-line break-words align-top text-slate-700">
                        <del className="decoration-red-700">{textValue(change, change.before)}</del>
                      </td>
                      <td className="max-w-md whitespace-pre-line break-words align-top">
                        <ins className="no-underline font-medium text-green-900">{textValue(change, change.after)}</ins>
                      </td>
                    </>
                  ) : (
                    <>
                      <td className="max-w-md break-words align-top text-slate-700">{listValue(change.field, change.before)}</td>
                      <td className="max-w-md break-words align-top">
                        <p>{listValue(change.field, change.after)}</p>
                        {change.added.length ? (
                          <p className="mt-1 text-sm text-green-900">
                            {t('provider.diff.added', { items: change.added.map((v) => listTermName(change.field, v, locale)).join(sep) })}
                          </p>
                        ) : null}
                        {change.removed.length ? (
                          <p className="mt-1 text-sm text-red-800">
                            {t('provider.diff.removed', { items: change.removed.map((v) => listTermName(change.field, v, locale)).join(sep) })}
                          </p>
                        ) : null}
                      </td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {diff.plans.length || diff.plansReordered ? (
        <div>
          <h3 className="mb-2 font-semibold">{t('provider.diff.plans')}</h3>
          {diff.plansReordered ? <p className="mb-2 text-sm text-slate-700">{t('provider.diff.plansReordered')}</p> : null}
          {diff.plans.length ? (
            <div className="overflow-x-auto">
              <table className="table" data-testid="plan-diff">
                <caption className="sr-only">{t('provider.diff.plansCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('provider.col.plan')}</th>
                    <th scope="col">{t('provider.diff.change')}</th>
                    <th scope="col">{t('provider.diff.before')}</th>
                    <th scope="col">{t('provider.diff.after')}</th>
                  </tr>
                </thead>
                <tbody>
                  {diff.plans.map((change, index) => (
                    <tr key={index} data-change={change.kind}>
                      <th scope="row" className="min-w-[6rem] align-top font-medium">
                        {change.kind === 'added' ? change.after.name : change.before.name}
                      </th>
                      <td className={`whitespace-nowrap align-top ${change.kind === 'removed' ? 'text-red-800' : change.kind === 'added' ? 'text-green-900' : ''}`}>
                        {planLabel[change.kind]}
                      </td>
                      <td className="align-top text-slate-700">{change.kind === 'added' ? '—' : planText(change.before)}</td>
                      <td className="align-top">{change.kind === 'removed' ? '—' : planText(change.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
