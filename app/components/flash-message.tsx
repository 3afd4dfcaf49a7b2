import { useState } from 'react';
import { translateError } from '~/i18n/translate';
import { useT } from '~/i18n/use-t';
import { SuccessMessage } from './form';

/**
 * The one-time message after a redirect (readFlashMessage in flash.server.ts), in the reader's
 * language. `sticky` keeps it while the page stays open, for pages that reload their data on a
 * timer (the message is gone from the second load on).
 */
export function FlashMessage({ message, sticky = false }: { message: string | null | undefined; sticky?: boolean }) {
  const t = useT();
  const [kept, setKept] = useState(message);
  // Kept during render rather than in an effect (React's "adjusting state when a prop changes").
  if (message && message !== kept) setKept(message);
  const shown = sticky ? (message ?? kept) : message;
  if (!shown) return null;
  return <SuccessMessage>{translateError(t, shown)}</SuccessMessage>;
}
