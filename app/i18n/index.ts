import { common } from './messages/common';
import { auth } from './messages/auth';
import { catalog } from './messages/catalog';
import { provider } from './messages/provider';
import { official } from './messages/official';
import { adoption } from './messages/adoption';
import { dashboard } from './messages/dashboard';
import { campaigns } from './messages/campaigns';
import { api } from './messages/api';
import { matchesPages } from './messages/matches-pages';
import { matches } from './messages/matches';
import { notifications } from './messages/notifications';
import { requests } from './messages/requests';
import { orders } from './messages/orders';
import { reviews } from './messages/reviews';
import { vouchers } from './messages/vouchers';
import { scorecard } from './messages/scorecard';
import type { Locale } from './locale';

export { LOCALES, DEFAULT_LOCALE, isLocale, type Locale } from './locale';

/**
 * Messages: Simplified Chinese is the source; English must have exactly the same keys
 * (each area file types its `en` object against its `zh` keys, so a missing key fails typecheck).
 */
const zh = { ...common.zh, ...auth.zh, ...catalog.zh, ...provider.zh, ...official.zh, ...adoption.zh, ...dashboard.zh, ...campaigns.zh, ...api.zh, ...matchesPages.zh, ...matches.zh, ...notifications.zh, ...requests.zh, ...orders.zh, ...reviews.zh, ...vouchers.zh, ...scorecard.zh };
const en: Record<keyof typeof zh, string> = { ...common.en, ...auth.en, ...catalog.en, ...provider.en, ...official.en, ...adoption.en, ...dashboard.en, ...campaigns.en, ...api.en, ...matchesPages.en, ...matches.en, ...notifications.en, ...requests.en, ...orders.en, ...reviews.en, ...vouchers.en, ...scorecard.en };

export type MessageKey = keyof typeof zh;
const MESSAGES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zh, en };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zh, key);
}

export function translator(locale: Locale): Translate {
  const table = MESSAGES[locale];
  return (key, params) => {
    let text = table[key] ?? zh[key] ?? key;
    if (params) for (const [name, value] of Object.entries(params)) text = text.replaceAll(`{${name}}`, String(value));
    return text;
  };
}

/** Translates a validation error that is a message key (schemas carry keys, not text); other text passes through. */
export function translateError(t: Translate, error: string): string {
  const [key, ...rest] = error.split('|');
  if (!key || !isMessageKey(key)) return error;
  const params: Record<string, string> = {};
  for (const pair of rest) {
    const [name, value] = pair.split('=');
    if (name && value !== undefined) params[name] = value;
  }
  return t(key, params);
}
