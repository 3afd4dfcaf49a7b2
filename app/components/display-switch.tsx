import { Form } from '@remix-run/react';
import { useRootData, useT } from '~/i18n/use-t';
import { DEFAULT_DISPLAY, type Display } from '~/utils/display';

export function useDisplay(): Display {
  return useRootData()?.display ?? DEFAULT_DISPLAY;
}

/**
 * The 大字版 switch: a toggle button (its name stays "大字版", aria-pressed says whether it is on)
 * in a plain form, so it works without JavaScript. The box icon shows the state to the eye without
 * relying on colour; the pressed button is also filled.
 */
export function DisplaySwitch({ redirectTo }: { redirectTo: string }) {
  const t = useT();
  const large = useDisplay() === 'large';
  return (
    <Form method="post" action="/display" preventScrollReset>
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <input type="hidden" name="display" value={large ? 'standard' : 'large'} />
      <button
        type="submit"
        aria-pressed={large}
        data-testid="display-switch"
        className={`btn px-2 py-1 ${large ? 'border border-brand-800 bg-brand-800 text-white hover:bg-brand-700' : 'btn-secondary'}`}
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 16 16"
          width="16"
          height="16"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
        >
          <rect x="1.5" y="1.5" width="13" height="13" rx="2" />
          {large ? <path d="M4.5 8.5l2.5 2.5 4.5-5.5" strokeLinecap="round" strokeLinejoin="round" /> : null}
        </svg>
        {t('display.large')}
      </button>
    </Form>
  );
}
