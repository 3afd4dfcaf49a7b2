import { isbot } from 'isbot';
import type { AppUser } from '~/models/users.server';
import { recordOfferingView } from '~/models/offering-views.server';
import { getProviderByOwner } from '~/models/providers.server';
import { getDb } from './db.server';

/**
 * Counts one view of the offering page for provider analytics, when a person looked at it:
 * - a GET with a user agent that isbot() does not know as a crawler (no user agent at all is a
 *   script, not a person);
 * - not a browser prefetch (`Sec-Purpose`/`Purpose: prefetch`), which nobody may ever look at;
 * - not the offering's own provider checking its listing (its views would inflate its own
 *   analytics; officials and other providers count like any visitor).
 * Only the offering id and the day are written. Analytics must never cost a visitor the page:
 * a failure (a locked database, a full disk) is logged and the page goes on.
 */
export function countOfferingView(
  request: Request,
  user: AppUser | null,
  offering: { id: string; providerId: string },
) {
  try {
    if (request.method !== 'GET') return;
    const userAgent = request.headers.get('user-agent');
    if (!userAgent || isbot(userAgent)) return;
    const purpose = request.headers.get('sec-purpose') ?? request.headers.get('purpose') ?? '';
    if (purpose.includes('prefetch')) return;
    const db = getDb();
    if (user?.role === 'provider' && getProviderByOwner(db, user.id)?.id === offering.providerId) return;
    recordOfferingView(db, offering.id);
  } catch (error) {
    console.error('[offering-views] view not counted', offering.id, error);
  }
}
