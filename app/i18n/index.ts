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
import { jobs } from './messages/jobs';
import { privacy } from './messages/privacy';
import { help } from './messages/help';
import type { Locale } from './locale';
import { provideMessages } from './load-messages';
import { translatorOf, type Messages, type Translate } from './translate';

export { LOCALES, DEFAULT_LOCALE, isLocale, type Locale } from './locale';

/**
 * Messages: Simplified Chinese is the source; English must have exactly the same keys
 * (each area file types its `en` object against its `zh` keys, so a missing key fails typecheck).
 */
const zh = { ...common.zh, ...auth.zh, ...catalog.zh, ...provider.zh, ...official.zh, ...adoption.zh, ...dashboard.zh, ...campaigns.zh, ...api.zh, ...matchesPages.zh, ...matches.zh, ...notifications.zh, ...requests.zh, ...orders.zh, ...reviews.zh, ...vouchers.zh, ...scorecard.zh, ...jobs.zh, ...help.zh, ...privacy.zh };
const en: Record<keyof typeof zh, string> = { ...common.en, ...auth.en, ...catalog.en, ...provider.en, ...official.en, ...adoption.en, ...dashboard.en, ...campaigns.en, ...api.en, ...matchesPages.en, ...matches.en, ...notifications.en, ...requests.en, ...orders.en, ...reviews.en, ...vouchers.en, ...scorecard.en, ...jobs.en, ...help.en, ...privacy.en };

export type MessageKey = keyof typeof zh;
const MESSAGES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zh, en };

export { translateError, translateKey, translatorOf, type Messages, type Translate } from './translate';

// Server-only in practice: a page importing this module would carry both languages' messages
// (issue 13). Pages fetch their reader's language (app/routes/i18n.$locale.ts) and translate with
// useT (app/i18n/use-t.ts) and the helpers of app/i18n/translate.ts. The server render's useT reads
// what this provides (root's loader loads this module through utils/locale.server.ts).
provideMessages('zh-CN', zh);
provideMessages('en', en);

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zh, key);
}

export function translator(locale: Locale): Translate {
  return translatorOf(MESSAGES[locale], zh);
}

/** One language's messages, as a page fetches them (app/i18n/messages-json.server.ts). */
export function messagesOf(locale: Locale): Messages {
  return MESSAGES[locale];
}
