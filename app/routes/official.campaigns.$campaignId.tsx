import { parseWithZod } from '~/schemas/parse.server';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { CampaignForm } from '~/components/campaign-form';
import { useLocale, useT } from '~/i18n/use-t';
import { enqueueCampaignBuild } from '~/models/background-jobs.server';
import { getCampaignRow, updateCampaign } from '~/models/campaigns.server';
import { CampaignEditSchema } from '~/schemas/campaigns.server';
import { notFound, requireProvincialOfficial } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { redirectWithFlash } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireProvincialOfficial(request);
  const { t } = await getTranslator(request, user);
  const campaign = getCampaignRow(getDb(), params.campaignId ?? '');
  if (!campaign) notFound();
  return { title: t('campaigns.editTitle'), campaign };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireProvincialOfficial(request);
  const submission = parseWithZod(await request.formData(), { schema: CampaignEditSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const db = getDb();
  const result = updateCampaign(db, params.campaignId ?? '', submission.value, user.id);
  if (!result.ok) notFound();
  // Counted again by the background-job worker (issue 12).
  if (result.rebuild) enqueueCampaignBuild(db, result.campaign.id, user.id);
  return redirectWithFlash('/official/campaigns', result.rebuild ? 'campaigns.updatedRebuild' : 'campaigns.updated');
}

export default function EditCampaign() {
  const { campaign } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const name = (locale === 'en' ? campaign.nameEn : null) ?? campaign.name;
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold" data-testid="console-title">
        {t('campaigns.editCampaign', { name })}
      </h1>
      <p className="text-sm text-slate-700">{campaign.id}</p>
      <CampaignForm mode="edit" defaults={campaign} lastResult={lastResult} />
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
