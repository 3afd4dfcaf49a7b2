import { parseWithZod } from '~/schemas/parse.server';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { ApiKeysPage } from '~/components/api-keys-page';
import { SelectField } from '~/components/form';
import { prefectureOptions } from '~/components/options';
import { prefectureName } from '~/domain/prefectures';
import { useLocale, useT } from '~/i18n/use-t';
import { createApiKey, listPrefectureApiKeys, revokeApiKey } from '~/models/api-keys.server';
import { ApiKeyCreateSchema, ApiKeyRevokeSchema } from '~/schemas/adoption.server';
import { notFound, requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { readFlashMessage, redirectWithFlash } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const { t } = await getTranslator(request, user);
  const { flash, headers } = await readFlashMessage(request);
  return data(
    {
      title: `${t('adoption.keys.officialTitle')} · ${t('app.name')}`,
      scopePrefecture: user.scopePrefecture,
      keys: listPrefectureApiKeys(getDb(), user.scopePrefecture),
      flash,
    },
    { headers },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const db = getDb();
  const formData = await request.formData();
  if (formData.get('intent') === 'revoke') {
    const parsed = ApiKeyRevokeSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) notFound();
    const result = revokeApiKey(db, {
      keyId: parsed.data.keyId,
      owner: { kind: 'official', scope: user.scopePrefecture },
      actorUserId: user.id,
    });
    if (!result.ok) notFound();
    return redirectWithFlash('/official/adoption/keys', 'adoption.keys.revokedDone');
  }
  const submission = parseWithZod(formData, { schema: ApiKeyCreateSchema });
  if (submission.status !== 'success')
    return data({ result: submission.reply(), created: null }, { status: 400 });
  // A prefecture official creates keys for their own prefecture only; a provincial one chooses.
  const prefecture = user.scopePrefecture ?? submission.value.prefecture;
  if (!prefecture)
    return data(
      { result: submission.reply({ fieldErrors: { prefecture: ['errors.required'] } }), created: null },
      { status: 400 },
    );
  const created = createApiKey(db, {
    owner: { kind: 'prefecture', prefecture },
    name: submission.value.name,
    actorUserId: user.id,
  });
  return {
    result: submission.reply({ resetForm: true }),
    created: { name: submission.value.name, key: created.key },
  };
}

export default function PrefectureApiKeys() {
  const { keys, scopePrefecture, flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  return (
    <ApiKeysPage
      title={t('adoption.keys.officialTitle')}
      lead={t('adoption.keys.officialLead')}
      keys={keys}
      actionData={actionData}
      flash={flash}
      prefectureLabel={(code) => prefectureName(code, locale) ?? code}
      extraFields={(fields) =>
        scopePrefecture === null ? (
          <SelectField label={t('adoption.keys.prefecture')} field={fields.prefecture} options={prefectureOptions(locale)} />
        ) : (
          <p className="mb-4 text-sm text-slate-800">
            {t('adoption.keys.prefecture')}: {prefectureName(scopePrefecture, locale)}
          </p>
        )
      }
    />
  );
}
