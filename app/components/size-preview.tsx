import { useState, type FormEvent } from 'react';
import { classifyEnterpriseSize, sectorOfIndustry, sizeClassName } from '~/domain/enterprise-size';
import { useLocale, useT } from '~/i18n/use-t';

function toNumber(value: FormDataEntryValue | null): number | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/**
 * Shows the size class the 2017 rules give for what is typed so far. The server computes
 * and stores the same value on save; this is only the preview.
 */
export function useSizePreview(initial: { industry?: string | null; employees?: number | null; revenueWan?: number | null }) {
  const [size, setSize] = useState(() =>
    classifyEnterpriseSize({
      sector: initial.industry ? sectorOfIndustry(initial.industry) : null,
      employees: initial.employees ?? null,
      revenueWan: initial.revenueWan ?? null,
    }),
  );
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const form = new FormData(event.currentTarget);
    const industry = form.get('industry');
    setSize(
      classifyEnterpriseSize({
        sector: typeof industry === 'string' && industry ? sectorOfIndustry(industry) : null,
        employees: toNumber(form.get('employees')),
        revenueWan: toNumber(form.get('revenueWan')),
      }),
    );
  };
  return { size, onChange };
}

export function SizePreview({ size }: { size: ReturnType<typeof classifyEnterpriseSize> }) {
  const t = useT();
  const locale = useLocale();
  return (
    <p className="mb-4 rounded-md bg-brand-50 p-3 text-sm text-brand-800" aria-live="polite" data-testid="size-preview">
      {t('field.sizeComputed', { size: sizeClassName(size, locale) })}
    </p>
  );
}
