import { CERTIFICATIONS } from '~/domain/catalog-vocabulary';
import { INDUSTRY_DIVISIONS } from '~/domain/industries';
import { OUT_OF_PROVINCE, OUT_OF_PROVINCE_NAME, PREFECTURES } from '~/domain/prefectures';
import type { Locale } from '~/i18n/locale';

export function prefectureOptions(locale: Locale) {
  return PREFECTURES.map((p) => ({ value: p.code, label: locale === 'en' ? p.nameEn : p.nameZh }));
}

export function providerLocationOptions(locale: Locale) {
  return [
    ...prefectureOptions(locale),
    { value: OUT_OF_PROVINCE, label: locale === 'en' ? OUT_OF_PROVINCE_NAME.nameEn : OUT_OF_PROVINCE_NAME.nameZh },
  ];
}

export function industryOptions(locale: Locale) {
  return INDUSTRY_DIVISIONS.map((d) => ({
    value: d.code,
    label: `${d.section}${d.code} ${locale === 'en' ? d.nameEn : d.nameZh}`,
  }));
}

export function certificationOptions(locale: Locale) {
  return CERTIFICATIONS.map((c) => ({ value: c.id, label: locale === 'en' ? c.nameEn : c.nameZh }));
}
