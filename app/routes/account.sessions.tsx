import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { endAllSessions } from '~/models/accounts.server';
import { requireUser } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { destroyUserSession } from '~/utils/session.server';

// POST /account/sessions — "log out everywhere" (the button on /account/password): a new session
// version ends every session of the account, this one included.
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  endAllSessions(getDb(), { userId: user.id, actorUserId: user.id });
  return destroyUserSession(request, '/login', { flash: 'account.loggedOutEverywhere' });
}

export function loader() {
  return redirect('/account/password');
}
