import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { getDb } from '~/utils/db.server';
import { isLocale } from '~/i18n/locale';
import { setUserLocale } from '~/models/users.server';
import { getUser } from '~/utils/auth.server';
import { localeCookie } from '~/utils/locale.server';
import { safeRedirect } from '~/utils/session.server';

/** The language switch: remembered in a cookie, and in the profile of a signed-in user. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get('locale');
  const back = safeRedirect(form.get('redirectTo'));
  if (!isLocale(locale)) return redirect(back);
  const user = await getUser(request);
  if (user) setUserLocale(getDb(), user.id, locale);
  return redirect(back, { headers: { 'Set-Cookie': await localeCookie.serialize(locale) } });
}

export async function loader() {
  return redirect('/');
}
