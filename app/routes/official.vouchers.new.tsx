import { parseWithZod } from '~/schemas/parse.server';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { ProgrammeForm } from '~/components/vouchers';
import { useT } from '~/i18n/use-t';
import { createProgramme } from '~/models/voucher-programmes.server';
import { ProgrammeFormSchema } from '~/schemas/vouchers.server';
import { requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';
import { programmeFormAnswer } from '~/utils/voucher-pages.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

/** /official/vouchers/new — any official; a prefecture official's programme covers its prefecture only. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const { t } = await getTranslator(request, user);
  return { title: `${t('vouchers.new')} · ${t('app.name')}`, scopePrefecture: user.scopePrefecture };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const submission = parseWithZod(await request.formData(), { schema: ProgrammeFormSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const result = createProgramme(getDb(), submission.value, { userId: user.id, scopePrefecture: user.scopePrefecture });
  return programmeFormAnswer(result, submission, 'vouchers.done.created');
}

export default function NewVoucherProgramme() {
  const { scopePrefecture } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold" data-testid="console-title">
        {t('vouchers.new')}
      </h1>
      <p className="max-w-3xl text-sm text-slate-700">{t('vouchers.lead')}</p>
      <ProgrammeForm mode="create" fixedPrefecture={scopePrefecture} lastResult={lastResult} />
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
