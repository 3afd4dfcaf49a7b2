import { useT } from '~/i18n/use-t';

/** The honeypot's field name: people never see it, form-filling bots fill it (app/utils/honeypot.server.ts). */
export const HONEYPOT_FIELD = 'fax';

/**
 * A field no person fills: `display: none` keeps it from sighted users and from screen readers
 * alike (aria-hidden says so twice), out of the tab order and of autofill. A bot that fills every
 * input it finds in the HTML gives itself away.
 */
export function Honeypot() {
  const t = useT();
  return (
    <div className="hidden" aria-hidden="true">
      <label htmlFor="hp-fax">{t('signup.honeypot')}</label>
      <input id="hp-fax" name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}
