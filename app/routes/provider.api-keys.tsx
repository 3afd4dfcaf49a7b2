import { parseWithZod } from '~/schemas/parse.server';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { ApiKeysPage } from '~/components/api-keys-page';
import { useT } from '~/i18n/use-t';
import { createApiKey, listProviderApiKeys, revokeApiKey } from '~/models/api-keys.server';
import { ApiKeyCreateSchema, ApiKeyRevokeSchema } from '~/schemas/adoption.server';
import { notFound, requireProviderAccount } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { readFlashMessage, redirectWithFlash } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const { user, provider } = await requireProviderAccount(request);
  const { t } = await getTranslator(request, user);
  const { flash, headers } = await readFlashMessage(request);
  return data(
    { title: `${t('adoption.keys.providerTitle')} · ${t('app.name')}`, keys: listProviderApiKeys(db, provider.id), flash },
    { headers },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const db = getDb();
  const { user, provider } = await requireProviderAccount(request);
  const formData = await request.formData();
  if (formData.get('intent') === 'revoke') {
    const parsed = ApiKeyRevokeSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) notFound();
    const result = revokeApiKey(db, {
      keyId: parsed.data.keyId,
      owner: { kind: 'provider', providerId: provider.id },
      actorUserId: user.id,
    });
    if (!result.ok) notFound();
    return redirectWithFlash('/provider/api-keys', 'adoption.keys.revokedDone');
  }
  const submission = parseWithZod(formData, { schema: ApiKeyCreateSchema });
  if (submission.status !== 'success')
    return data({ result: submission.reply(), created: null }, { status: 400 });
  const created = createApiKey(db, {
    owner: { kind: 'provider', providerId: provider.id },
    name: submission.value.name,
    actorUserId: user.id,
  });
  // Shown in this response only: it is never stored in the clear, so there is no page to redirect to.
  return {
    result: submission.reply({ resetForm: true }),
    created: { name: submission.value.name, key: created.key },
  };
}

export default function ProviderApiKeys() {
  const { keys, flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <ApiKeysPage
      title={t('adoption.keys.providerTitle')}
      lead={t('adoption.keys.providerLead')}
      keys={keys}
      actionData={actionData}
      flash={flash}
    />
  );
}
