import { parseWithZod } from '~/schemas/parse.server';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { FormErrors } from '~/components/form';
import { OfferingForm } from '~/components/offering-form';
import { useT } from '~/i18n/use-t';
import { createOffering } from '~/models/offerings.server';
import { OfferingSchema, providerCanPrepare } from '~/schemas/offerings.server';
import { getDb } from '~/utils/db.server';
import { redirectWithFlash } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';
import { requireProviderAccount } from '~/utils/auth.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, provider } = await requireProviderAccount(request);
  const { t } = await getTranslator(request, user);
  return { title: `${t('provider.new.title')} · ${t('app.name')}`, canPrepare: providerCanPrepare(provider.status) };
}

export async function action({ request }: ActionFunctionArgs) {
  const db = getDb();
  const { user, provider } = await requireProviderAccount(request);
  const submission = parseWithZod(await request.formData(), { schema: OfferingSchema });
  // No status = a list intent (add/remove a plan) sent without JavaScript: answer the changed form.
  if (submission.status === undefined) return data(submission.reply(), { status: 200 });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const result = createOffering(db, { providerId: provider.id, actorUserId: user.id, input: submission.value });
  if (result.ok) return redirectWithFlash(`/provider/offerings/${result.offeringId}`, 'provider.detail.created');
  if (result.reason === 'invalid') return data(submission.reply({ fieldErrors: result.fieldErrors }), { status: 400 });
  return data(submission.reply({ formErrors: [`provider.error.${result.reason === 'notFound' ? 'providerSuspended' : result.reason}`] }), {
    status: 409,
  });
}

export default function NewOffering() {
  const { canPrepare } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  return (
    <section className="max-w-4xl space-y-4">
      <p>
        <Link to="/provider/offerings" className="link text-sm">
          {t('provider.backToList')}
        </Link>
      </p>
      <h1 data-testid="console-title" className="text-2xl font-bold">
        {t('provider.new.title')}
      </h1>
      {canPrepare ? (
        <>
          <p className="text-sm text-slate-700">{t('provider.new.lead')}</p>
          <OfferingForm lastResult={lastResult} submitLabel={t('provider.new.submit')} submitting={navigation.state === 'submitting'} />
        </>
      ) : (
        <FormErrors errors={['provider.error.providerSuspended']} />
      )}
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
