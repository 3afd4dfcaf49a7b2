import type { FieldMetadata } from '@conform-to/react';
import { getInputProps, getSelectProps, getTextareaProps } from '@conform-to/react';
import type { ReactNode } from 'react';
import { translateError } from '~/i18n/translate';
import { useT } from '~/i18n/use-t';

/** Field errors arrive as message keys (see app/i18n/zod.ts) and are shown in the reader's language. */
export function FieldErrors({ id, errors }: { id?: string; errors?: string[] }) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="mt-1 text-sm text-red-700">
      {errors.map((e) => (
        <li key={e}>{translateError(t, e)}</li>
      ))}
    </ul>
  );
}

export function FormErrors({ errors }: { errors?: string[] }) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <div role="alert" className="mb-4 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
      {errors.map((e) => (
        <p key={e}>{translateError(t, e)}</p>
      ))}
    </div>
  );
}

interface FieldShellProps {
  label: string;
  field: FieldMetadata<unknown>;
  hint?: string;
  optional?: boolean;
  children: ReactNode;
}

function FieldShell({ label, field, hint, optional, children }: FieldShellProps) {
  const t = useT();
  return (
    <div className="mb-4">
      <label htmlFor={field.id} className="label">
        {label}
        {optional ? <span className="ml-1 font-normal text-slate-600">（{t('common.optional')}）</span> : null}
      </label>
      {children}
      {hint ? (
        <p id={`${field.id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function TextField(props: {
  label: string;
  field: FieldMetadata<unknown>;
  type?: 'text' | 'email' | 'password' | 'number' | 'url' | 'tel' | 'date';
  hint?: string;
  optional?: boolean;
  autoComplete?: string;
  step?: string;
  inputMode?: 'numeric' | 'decimal' | 'text';
}) {
  const { type = 'text', field, autoComplete, step, inputMode } = props;
  const inputProps = getInputProps(field, { type, ariaDescribedBy: props.hint ? `${field.id}-hint` : undefined });
  return (
    <FieldShell {...props}>
      <input {...inputProps} key={inputProps.key} className="input" autoComplete={autoComplete} step={step} inputMode={inputMode} />
    </FieldShell>
  );
}

export function TextAreaField(props: { label: string; field: FieldMetadata<unknown>; hint?: string; optional?: boolean; rows?: number }) {
  const textareaProps = getTextareaProps(props.field, { ariaDescribedBy: props.hint ? `${props.field.id}-hint` : undefined });
  return (
    <FieldShell {...props}>
      <textarea {...textareaProps} key={textareaProps.key} rows={props.rows ?? 4} className="input" />
    </FieldShell>
  );
}

export function SelectField(props: {
  label: string;
  field: FieldMetadata<unknown>;
  options: readonly { value: string; label: string }[];
  hint?: string;
  optional?: boolean;
}) {
  const t = useT();
  const selectProps = getSelectProps(props.field, { ariaDescribedBy: props.hint ? `${props.field.id}-hint` : undefined });
  return (
    <FieldShell {...props}>
      <select {...selectProps} key={selectProps.key} className="input">
        <option value="">{t('common.select')}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A group of checkboxes submitting several values under one name (Conform reads them as an array). */
export function CheckboxGroup(props: {
  legend: string;
  field: FieldMetadata<unknown>;
  options: readonly { value: string; label: string }[];
  optional?: boolean;
}) {
  const t = useT();
  const { field } = props;
  const initial = field.initialValue;
  const selected = new Set(Array.isArray(initial) ? initial.map(String) : typeof initial === 'string' ? [initial] : []);
  return (
    <fieldset className="mb-4" aria-describedby={field.errors?.length ? field.errorId : undefined}>
      <legend className="label">
        {props.legend}
        {props.optional ? <span className="ml-1 font-normal text-slate-600">（{t('common.optional')}）</span> : null}
      </legend>
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        {props.options.map((o) => (
          <label key={o.value} className="inline-flex items-center gap-2 text-sm">
            <input type="checkbox" name={field.name} value={o.value} defaultChecked={selected.has(o.value)} className="h-4 w-4" />
            {o.label}
          </label>
        ))}
      </div>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

export function SuccessMessage({ children }: { children: ReactNode }) {
  return (
    <div role="status" className="mb-4 rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
      {children}
    </div>
  );
}
