import { RemixBrowser } from '@remix-run/react';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { loadMessages, messagesUrl } from '~/i18n/load-messages';
import { DEFAULT_LOCALE, isLocale } from '~/i18n/locale';

// Hydration renders the page again with the messages the server rendered it with: the reader's
// language only (root's <html lang>), fetched first from the URL root preloads (issue 13). Should
// it not arrive, the page stays as the server rendered it: its links and forms work without JavaScript.
const lang = document.documentElement.lang;
const locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
const preloaded = document.querySelector('link[data-messages]')?.getAttribute('href');
loadMessages(locale, preloaded ?? messagesUrl(locale)).then(
  () =>
    startTransition(() => {
      hydrateRoot(
        document,
        <StrictMode>
          <RemixBrowser />
        </StrictMode>,
      );
    }),
  (error: unknown) => console.error('messages did not load; the page stays as the server rendered it', error),
);
