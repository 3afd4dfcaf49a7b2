import { useMemo } from 'react';
import { useRouteLoaderData } from '@remix-run/react';
import { DEFAULT_LOCALE, translator, type Locale } from '~/i18n';
import type { loader as rootLoader } from '~/root';

export function useLocale(): Locale {
  return useRouteLoaderData<typeof rootLoader>('root')?.locale ?? DEFAULT_LOCALE;
}

export function useT() {
  const locale = useLocale();
  return useMemo(() => translator(locale), [locale]);
}

export function useRootData() {
  return useRouteLoaderData<typeof rootLoader>('root');
}
