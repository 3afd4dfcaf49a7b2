import { parseWithZod } from '~/schemas/parse.server';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { useActionData } from '@remix-run/react';
import { CampaignForm } from '~/components/campaign-form';
import { useT } from '~/i18n/use-t';
import { enqueueCampaignBuild } from '~/models/background-jobs.server';
import { createCampaign } from '~/models/campaigns.server';
import { CampaignCreateSchema } from '~/schemas/campaigns.server';
import { requireProvincialOfficial } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { redirectWithFlash } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireProvincialOfficial(request);
  const { t } = await getTranslator(request, user);
  return { title: t('campaigns.newTitle') };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireProvincialOfficial(request);
  const submission = parseWithZod(await request.formData(), { schema: CampaignCreateSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const db = getDb();
  const result = createCampaign(db, submission.value, user.id);
  if (!result.ok)
    return data(submission.reply({ fieldErrors: { id: ['campaigns.errorDuplicate'] } }), { status: 400 });
  // Counted by the background-job worker (issue 12); the list shows 计算中 until it is done.
  enqueueCampaignBuild(db, result.campaign.id, user.id);
  return redirectWithFlash('/official/campaigns', 'campaigns.created');
}

export default function NewCampaign() {
  const lastResult = useActionData<typeof action>();
  const t = useT();
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold" data-testid="console-title">
        {t('campaigns.new')}
      </h1>
      <p className="max-w-3xl text-sm text-slate-700">{t('campaigns.lead')}</p>
      <CampaignForm mode="create" lastResult={lastResult} />
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
