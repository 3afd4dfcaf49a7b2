import { createHash } from 'node:crypto';
import { LOCALES, messagesOf, type Locale } from './index';

// What GET /i18n/:locale sends (app/routes/i18n.$locale.ts): one language's messages as JSON, made
// once per process. The version is a digest of both languages, so any changed message gives every
// page a new URL and an unchanged one stays in the browser's cache (the pattern of the chart
// images, docs/decisions/0007-page-speed.md).
const BODIES = Object.fromEntries(LOCALES.map((locale) => [locale, JSON.stringify(messagesOf(locale))])) as Record<Locale, string>;

export const MESSAGES_VERSION = createHash('sha256')
  .update(LOCALES.map((locale) => BODIES[locale]).join('\n'))
  .digest('base64url')
  .slice(0, 12);

export function messagesBody(locale: Locale): string {
  return BODIES[locale];
}
