import { DEFAULT_LOCALE, isLocale, type Locale } from '~/i18n/locale';
import type { AppUser } from '~/models/users.server';
import { localeCookie } from './locale.server';

/**
 * The language of a JSON API answer's messages for a reader who may not be signed in: the
 * language switch (cookie), else a signed-in user's own choice, else the first of Chinese or
 * English that Accept-Language prefers, else Chinese (the site's default, unlike the adoption
 * API whose callers are programs).
 */
export async function apiLocale(request: Request, user: Pick<AppUser, 'locale'> | null): Promise<Locale> {
  const fromCookie = await localeCookie.parse(request.headers.get('Cookie'));
  if (isLocale(fromCookie)) return fromCookie;
  if (user && isLocale(user.locale)) return user.locale;
  return acceptedLocale(request.headers.get('Accept-Language'));
}

/**
 * The language of an answer to a program (the adoption API, the public counter's API and open
 * data): Chinese when Accept-Language starts with it, else English.
 */
export function programLocale(request: Request): Locale {
  return /^\s*zh/i.test(request.headers.get('Accept-Language') ?? '') ? 'zh-CN' : 'en';
}

/** `en-GB,en;q=0.9,zh;q=0.8` → en; `zh-CN,zh;q=0.9,en;q=0.8` → zh-CN; languages we do not have are skipped. */
export function acceptedLocale(header: string | null): Locale {
  let best: { locale: Locale; q: number } | null = null;
  for (const part of (header ?? '').split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    const locale: Locale | null = /^en\b/.test(tag) ? 'en' : /^zh\b/.test(tag) ? 'zh-CN' : null;
    if (locale && Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { locale, q };
  }
  return best?.locale ?? DEFAULT_LOCALE;
}
