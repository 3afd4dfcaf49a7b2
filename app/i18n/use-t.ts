import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useRouteLoaderData } from '@remix-run/react';
import { DEFAULT_LOCALE, type Locale } from './locale';
import { heldMessages, loadMessages, messagesUrl, messagesVersion, someHeldLocale, subscribeToMessages } from './load-messages';
import { translatorOf, type Translate } from './translate';
import type { loader as rootLoader } from '~/root';

/**
 * The language the page is shown in: the reader's (root's loader), once its messages are here. A
 * page holds only the language it was rendered in (app/i18n/load-messages.ts); after a switch
 * without a page load (the language form, signing in to a profile in the other language) it stays
 * in the old language — text, dates and <html lang> alike — until the other's messages arrive.
 */
function useShownLocale(): Locale {
  const root = useRouteLoaderData<typeof rootLoader>('root');
  const wanted = root?.locale ?? DEFAULT_LOCALE;
  const version = root?.messagesVersion;
  useSyncExternalStore(subscribeToMessages, messagesVersion, messagesVersion);
  const held = heldMessages(wanted) !== undefined;
  useEffect(() => {
    if (held) return;
    // Not fetched (offline, a new deployment): a full load has the server render the page in that language.
    loadMessages(wanted, messagesUrl(wanted, version)).catch(() => window.location.reload());
  }, [wanted, version, held]);
  return held ? wanted : (someHeldLocale() ?? wanted);
}

export function useLocale(): Locale {
  return useShownLocale();
}

export function useT(): Translate {
  const locale = useShownLocale();
  const messages = heldMessages(locale);
  if (!messages)
    throw new Error(`no messages held for ${locale}: the server loads app/i18n/index.ts, a page fetches them in entry.client.tsx`);
  return useMemo(() => translatorOf(messages), [messages]);
}

export function useRootData() {
  return useRouteLoaderData<typeof rootLoader>('root');
}
