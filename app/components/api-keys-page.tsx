import type { FieldMetadata, SubmissionResult } from '@conform-to/react';
import { getFormProps } from '@conform-to/react';
import { useServerForm } from '~/components/server-form';
import { Form, useNavigation } from '@remix-run/react';
import type { ReactNode } from 'react';
import { ApiKeyTable, NewKeyNotice, type KeyRow } from '~/components/adoption';
import { FlashMessage } from '~/components/flash-message';
import { FormErrors, TextField } from '~/components/form';
import { useT } from '~/i18n/use-t';
import type { ApiKeyCreateSchema } from '~/schemas/adoption';

export interface ApiKeyActionData {
  result: SubmissionResult<string[]>;
  created: { name: string; key: string } | null;
}

/**
 * The API-key page shared by providers and prefecture offices: the new key shown once, the
 * create form (with any owner-specific fields) and the list with last use and revocation.
 */
export function ApiKeysPage(props: {
  title: string;
  lead: string;
  keys: KeyRow[];
  actionData: ApiKeyActionData | undefined;
  /** The one-time message after a redirect (a revoked key). */
  flash: string | null;
  prefectureLabel?: (code: string) => string;
  extraFields?: (fields: { prefecture: FieldMetadata<string | undefined> }) => ReactNode;
}) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useServerForm<typeof ApiKeyCreateSchema>({
    lastResult: props.actionData?.result,
  });
  return (
    <section>
      <h1 className="text-2xl font-bold" data-testid="console-title">
        {props.title}
      </h1>
      <p className="mt-2 text-sm text-slate-700">{props.lead}</p>
      <div className="mt-4">
        {props.actionData?.created ? (
          <NewKeyNotice name={props.actionData.created.name} apiKey={props.actionData.created.key} />
        ) : null}
        <FlashMessage message={props.flash} />
      </div>
      <Form method="post" {...getFormProps(form)} className="card max-w-xl">
        <FormErrors errors={form.errors} />
        <input type="hidden" name="intent" value="create" />
        <TextField label={t('adoption.keys.name')} field={fields.name} hint={t('adoption.keys.nameHint')} autoComplete="off" />
        {props.extraFields?.({ prefecture: fields.prefecture })}
        <button type="submit" className="btn-primary" disabled={navigation.state === 'submitting'}>
          {t('adoption.keys.create')}
        </button>
      </Form>
      <h2 className="mt-6 text-lg font-semibold">{t('adoption.keys.listTitle')}</h2>
      <ApiKeyTable keys={props.keys} prefectureLabel={props.prefectureLabel} />
    </section>
  );
}
