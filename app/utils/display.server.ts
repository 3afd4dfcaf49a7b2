import { createCookie } from '@remix-run/node';
import { z } from 'zod';
import { DEFAULT_DISPLAY, DISPLAYS, isDisplay, type Display } from './display';

/**
 * The header switch's form: the display wanted and the page to go back to (checked by safeRedirect).
 * Here, not in display.ts, which every page imports: pages do not download zod (issue 13).
 */
export const DisplaySwitchSchema = z.object({
  display: z.enum(DISPLAYS),
  redirectTo: z.string().optional(),
});

/**
 * The display switch is remembered like the language (app/utils/locale.server.ts): a plain cookie
 * for a year, SameSite=Lax, sent on every page so the server renders the chosen size at once (no
 * flash of small text). A preference, not a secret: unsigned; httpOnly because no script reads it.
 */
export const displayCookie = createCookie('yq_display', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export async function getDisplay(request: Request): Promise<Display> {
  const fromCookie = await displayCookie.parse(request.headers.get('Cookie'));
  return isDisplay(fromCookie) ? fromCookie : DEFAULT_DISPLAY;
}
