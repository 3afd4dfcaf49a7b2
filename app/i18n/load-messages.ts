import type { Locale } from './locale';
import type { Messages } from './translate';

/**
 * The languages whose messages this JavaScript context holds. The server holds both
 * (app/i18n/index.ts provides them when it loads). A page holds the reader's only: entry.client.tsx
 * fetches it before hydrating (root preloads it), and useT fetches the other if the reader switches
 * language without a page load (issue 13: one language's messages, not both, and not as JavaScript).
 */
const held = new Map<Locale, Messages>();
const loading = new Map<Locale, Promise<Messages>>();
const listeners = new Set<() => void>();
let version = 0;

/** GET /i18n/:locale (app/routes/i18n.$locale.ts); `v` makes it cacheable for a year. */
export function messagesUrl(locale: Locale, messagesVersion?: string | null): string {
  return messagesVersion ? `/i18n/${locale}?v=${encodeURIComponent(messagesVersion)}` : `/i18n/${locale}`;
}

export function provideMessages(locale: Locale, messages: Messages): void {
  held.set(locale, messages);
  version += 1;
  for (const listener of listeners) listener();
}

export function heldMessages(locale: Locale): Messages | undefined {
  return held.get(locale);
}

/** A language held: what a page keeps showing while the one it switched to is on its way. */
export function someHeldLocale(): Locale | undefined {
  return held.keys().next().value;
}

export function loadMessages(locale: Locale, url: string): Promise<Messages> {
  const ready = held.get(locale);
  if (ready) return Promise.resolve(ready);
  let pending = loading.get(locale);
  if (!pending) {
    pending = fetch(url)
      .then(async (response) => {
        if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
        const messages = (await response.json()) as Messages;
        provideMessages(locale, messages);
        return messages;
      })
      .finally(() => loading.delete(locale)); // after a failure, a later call may try again
    loading.set(locale, pending);
  }
  return pending;
}

/** For useSyncExternalStore: the version changes when a language arrives. */
export function subscribeToMessages(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function messagesVersion(): number {
  return version;
}
