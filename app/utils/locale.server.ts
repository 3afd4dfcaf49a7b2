import { createCookie } from '@remix-run/node';
import { DEFAULT_LOCALE, isLocale, type Locale } from '~/i18n/locale';
import { translator } from '~/i18n';
import type { AppUser } from '~/models/users.server';

/** The language switch is remembered in this cookie (and in the profile of a signed-in user). */
export const localeCookie = createCookie('yq_lang', { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 60 * 60 * 24 * 365 });

export async function getLocale(request: Request, user?: Pick<AppUser, 'locale'> | null): Promise<Locale> {
  const fromCookie = await localeCookie.parse(request.headers.get('Cookie'));
  if (isLocale(fromCookie)) return fromCookie;
  if (user && isLocale(user.locale)) return user.locale;
  return DEFAULT_LOCALE;
}

export async function getTranslator(request: Request, user?: Pick<AppUser, 'locale'> | null) {
  const locale = await getLocale(request, user);
  return { locale, t: translator(locale) };
}
