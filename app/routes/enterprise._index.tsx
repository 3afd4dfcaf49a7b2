import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/schemas/parse.server';
import { useServerForm } from '~/components/server-form';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import type { ReactNode } from 'react';
import { FlashMessage } from '~/components/flash-message';
import { FormErrors, SelectField, TextField } from '~/components/form';
import { HelpLinks } from '~/components/help-link';
import { MatchList, type MatchView } from '~/components/matches';
import { industryOptions, prefectureOptions } from '~/components/options';
import { SizePreview, useSizePreview } from '~/components/size-preview';
import { sizeClassName } from '~/domain/enterprise-size';
import { industryName } from '~/domain/industries';
import { prefectureName } from '~/domain/prefectures';
import { useLocale, useT } from '~/i18n/use-t';
import { getEnterpriseByOwner, updateEnterpriseProfile, type EnterpriseProfile } from '~/models/enterprises.server';
import { matchPage, ownerMatchProfile } from '~/models/match-pages.server';
import { MATCHES_HOME_COUNT } from '~/schemas/match-pages.server';
import { EnterpriseEditSchema } from '~/schemas/accounts.server';
import { notFound, requireRole } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { readFlashMessage, redirectWithFlash } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.metaTitle ?? '我的企业 · 云桥' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['sme']);
  const db = getDb();
  const enterprise = getEnterpriseByOwner(db, user.id);
  const { locale, t } = await getTranslator(request, user);
  // The top few matches (为您推荐) with their first reason; the full page has the rest.
  const owner = enterprise ? ownerMatchProfile(db, user.id) : null;
  const matches =
    owner?.state === 'ok'
      ? (await matchPage(db, owner.profile, {}, { page: 1, pageSize: MATCHES_HOME_COUNT }, locale)).results
      : null;
  // After sign-up (enterprise.welcome) or saving the profile (enterprise.saved).
  const { flash, headers } = await readFlashMessage(request);
  return data({ enterprise, matches, flash, metaTitle: t('enterprise.metaTitle') }, { headers });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ['sme']);
  const db = getDb();
  // Only the enterprise this account owns can be edited; there is no id in the form to tamper with.
  const enterprise = getEnterpriseByOwner(db, user.id);
  if (!enterprise) notFound();
  const submission = parseWithZod(await request.formData(), { schema: EnterpriseEditSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  updateEnterpriseProfile(db, { enterpriseId: enterprise.id, actorUserId: user.id, input: submission.value });
  return redirectWithFlash('/enterprise', 'enterprise.saved');
}

export default function MyEnterprise() {
  const { enterprise, matches, flash } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold" data-testid="console-title">
        {t('enterprise.title')}
      </h1>
      <HelpLinks topics={['levels', 'vouchers', 'orders']} />
      <FlashMessage message={flash} />
      <p>
        <Link to="/enterprise/deployments" className="link">
          {t('adoption.mine.title')}
        </Link>
      </p>
      {enterprise ? (
        <>
          <Overview enterprise={enterprise} />
          <TopMatches matches={matches} />
          {/* Remount after each save so the fields and the preview start from the stored values. */}
          <EditForm key={enterprise.updatedAt} enterprise={enterprise} />
        </>
      ) : (
        <section className="card" role="alert" data-testid="no-enterprise">
          <h2 className="text-lg font-semibold">{t('enterprise.noEnterprise')}</h2>
          <p className="mt-2 text-sm text-slate-700">{t('enterprise.noEnterpriseText')}</p>
        </section>
      )}
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="py-2 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-slate-700">{label}</dt>
      <dd className="mt-1 text-sm text-slate-900 sm:col-span-2 sm:mt-0">{children}</dd>
    </div>
  );
}

function Overview({ enterprise }: { enterprise: EnterpriseProfile }) {
  const t = useT();
  const locale = useLocale();
  const fmt = new Intl.NumberFormat(locale);
  return (
    <section className="card" aria-labelledby="enterprise-overview">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h2 id="enterprise-overview" className="text-lg font-semibold">
          {t('enterprise.profile')}
        </h2>
        <Link to="/catalog" className="link text-sm">
          {t('enterprise.browseCatalog')}
        </Link>
      </div>
      <dl className="divide-y divide-slate-100">
        <Fact label={t('field.uscc')}>
          <span className="font-mono" data-testid="enterprise-uscc">
            {enterprise.uscc}
          </span>
        </Fact>
        <Fact label={t('field.enterpriseName')}>{enterprise.name}</Fact>
        <Fact label={t('field.prefecture')}>{prefectureName(enterprise.prefecture, locale) ?? enterprise.prefecture}</Fact>
        <Fact label={t('field.industry')}>
          {enterprise.industry} {industryName(enterprise.industry, locale) ?? ''}
        </Fact>
        <Fact label={t('field.employees')}>
          {enterprise.employees === null ? t('enterprise.notProvided') : t('enterprise.employeesValue', { n: fmt.format(enterprise.employees) })}
        </Fact>
        <Fact label={t('field.revenueWan')}>
          {enterprise.revenueWan === null ? t('enterprise.notProvided') : t('enterprise.revenueValue', { n: fmt.format(enterprise.revenueWan) })}
        </Fact>
        <Fact label={t('field.sizeClass')}>
          <span data-testid="enterprise-size">{sizeClassName(enterprise.sizeClass, locale)}</span>
        </Fact>
        <Fact label={t('field.onCloudBefore')}>{enterprise.onCloudBeforeCampaign ? t('common.yes') : t('common.no')}</Fact>
      </dl>
    </section>
  );
}

function TopMatches({ matches }: { matches: MatchView[] | null }) {
  const t = useT();
  return (
    <section className="space-y-3" aria-labelledby="enterprise-matches" data-testid="home-matches">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="enterprise-matches" className="text-lg font-semibold">
          {t('matchPages.homeTitle')}
        </h2>
        {matches?.length ? (
          <Link to="/enterprise/matches" className="link text-sm">
            {t('matchPages.homeSeeAll')}
          </Link>
        ) : null}
      </div>
      {matches === null ? (
        // An enterprise whose profile cannot be matched yet: the form below is where it is completed.
        <p className="card text-sm text-slate-700">{t('matchPages.noProfileText')}</p>
      ) : matches.length ? (
        <>
          <p className="text-sm text-slate-700">{t('matchPages.homeLead')}</p>
          <MatchList matches={matches} reasonLimit={1} compact />
        </>
      ) : (
        <p className="card text-sm text-slate-700">
          {t('matchPages.homeEmpty')}{' '}
          <Link to="/catalog" className="link underline">
            {t('matchPages.browseCatalog')}
          </Link>
        </p>
      )}
    </section>
  );
}

function EditForm({ enterprise }: { enterprise: EnterpriseProfile }) {
  const t = useT();
  const locale = useLocale();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useServerForm<typeof EnterpriseEditSchema>({
    lastResult,
    defaultValue: {
      name: enterprise.name,
      prefecture: enterprise.prefecture,
      industry: enterprise.industry,
      employees: enterprise.employees ?? undefined,
      revenueWan: enterprise.revenueWan ?? undefined,
    },
  });
  const { size, onChange } = useSizePreview(enterprise);
  return (
    <section className="card" aria-labelledby="enterprise-edit">
      <h2 id="enterprise-edit" className="text-lg font-semibold">
        {t('enterprise.edit')}
      </h2>
      <p className="mb-4 mt-1 text-sm text-slate-700">{t('enterprise.editLead')}</p>
      <Form method="post" action="/enterprise?index" {...getFormProps(form)} onChange={onChange}>
        <FormErrors errors={form.errors} />
        <TextField label={t('field.enterpriseName')} field={fields.name} autoComplete="organization" />
        <div className="grid gap-x-4 sm:grid-cols-2">
          <SelectField label={t('field.prefecture')} field={fields.prefecture} options={prefectureOptions(locale)} />
          <SelectField label={t('field.industry')} field={fields.industry} options={industryOptions(locale)} />
          <TextField label={t('field.employees')} field={fields.employees} type="number" inputMode="numeric" optional />
          <TextField label={t('field.revenueWan')} field={fields.revenueWan} type="number" step="0.01" inputMode="decimal" optional />
        </div>
        <SizePreview size={size} />
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={navigation.state === 'submitting'}>
          {t('common.save')}
        </button>
      </Form>
    </section>
  );
}
