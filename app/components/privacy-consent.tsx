import type { FieldMetadata } from '@conform-to/react';
import { getInputProps } from '@conform-to/react';
import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useT } from '~/i18n/use-t';
import { FieldErrors } from './form';

/** One required checkbox (consent, confirmation) with its label beside it and its error below. */
export function ConsentCheckbox({ field, children }: { field: FieldMetadata<unknown>; children: ReactNode }) {
  const inputProps = getInputProps(field, { type: 'checkbox' });
  return (
    <div className="mb-4">
      <label htmlFor={field.id} className="flex items-start gap-2 text-sm">
        <input {...inputProps} key={inputProps.key} className="mt-0.5 h-4 w-4 shrink-0" />
        <span>{children}</span>
      </label>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

/**
 * 我已阅读并同意《隐私声明》 (sign-up and /privacy). The notice opens in a new window so a half-filled
 * form is not lost; the label says so to screen readers.
 */
export function PrivacyConsent({ field, linked = true }: { field: FieldMetadata<unknown>; linked?: boolean }) {
  const t = useT();
  return (
    <ConsentCheckbox field={field}>
      {t('privacy.acceptLabelBefore')}
      {linked ? (
        <Link to="/privacy" target="_blank" className="link underline">
          {t('privacy.acceptLinkText')}
          <span className="sr-only">{t('privacy.newWindow')}</span>
        </Link>
      ) : (
        t('privacy.acceptLinkText')
      )}
    </ConsentCheckbox>
  );
}
