import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { DisplaySwitchSchema, displayCookie } from '~/utils/display.server';
import { safeRedirect } from '~/utils/session.server';

/**
 * The 大字版 / 标准版 switch in the header: remembered in a cookie, then back to the same page.
 * A value that is not a display changes nothing (the form only ever sends one of the two).
 */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const back = safeRedirect(form.get('redirectTo'));
  const parsed = DisplaySwitchSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return redirect(back);
  return redirect(back, { headers: { 'Set-Cookie': await displayCookie.serialize(parsed.data.display) } });
}

export async function loader() {
  return redirect('/');
}
