import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { FormErrors, SuccessMessage } from '~/components/form';
import { PagedTable } from '~/components/paged-table';
import { CHINA_TIME_ZONE } from '~/domain/adoption-dates';
import { prefectureName } from '~/domain/prefectures';
import { useLocale, useT } from '~/i18n/use-t';
import { setUserStatus } from '~/models/accounts.server';
import { getUserById, listUsers } from '~/models/users.server';
import { UserListQuerySchema, UserStatusActionSchema } from '~/schemas/vetting.server';
import { notFound, requireAccountManager } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { getTranslator } from '~/utils/locale.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

const ROLE_KEYS = {
  sme: 'role.sme',
  provider: 'role.provider',
  official: 'role.official',
  admin: 'role.admin',
} as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAccountManager(request);
  const { t } = await getTranslator(request, admin);
  const query = UserListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const list = listUsers(getDb(), query);
  return {
    title: `${t('admin.usersTitle')} · ${t('app.name')}`,
    adminId: admin.id,
    query: { page: query.page, q: query.q ?? '', role: query.role ?? '' },
    ...list,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAccountManager(request);
  const parsed = UserStatusActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success)
    return data({ ok: false as const, error: 'errors.badRequestText' as const }, { status: 400 });
  const { intent, userId } = parsed.data;
  // Suspending oneself would lock the last administrator out with no way back in.
  if (intent === 'suspend' && userId === admin.id) {
    return data({ ok: false as const, error: 'admin.cannotSuspendSelf' as const }, { status: 400 });
  }
  const db = getDb();
  const target = getUserById(db, userId);
  if (!target) notFound();
  setUserStatus(db, { userId, status: intent === 'suspend' ? 'suspended' : 'active', actorUserId: admin.id });
  return { ok: true as const, intent, email: target.email };
}

export default function AdminUsers() {
  const { rows, total, pageSize, query, adminId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const page = query.page;
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: CHINA_TIME_ZONE });
  return (
    <section>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold" data-testid="console-title">
          {t('admin.usersTitle')}
        </h1>
        <Link to="/admin/users/new" className="btn-primary">
          {t('admin.navNewUser')}
        </Link>
      </div>
      <div className="mt-4">
        {result?.ok ? (
          <SuccessMessage>
            {t(result.intent === 'suspend' ? 'admin.didSuspend' : 'admin.didReinstate', {
              email: result.email,
            })}
          </SuccessMessage>
        ) : null}
        {result && !result.ok ? <FormErrors errors={[result.error]} /> : null}
      </div>
      <Form method="get" role="search" className="flex flex-wrap items-end gap-2">
        <div className="min-w-[14rem] flex-1">
          <label htmlFor="user-q" className="label">
            {t('admin.search')}
          </label>
          <input
            id="user-q"
            name="q"
            type="search"
            defaultValue={query.q}
            maxLength={100}
            className="input"
          />
        </div>
        <div>
          <label htmlFor="user-role" className="label">
            {t('admin.roleFilter')}
          </label>
          <select id="user-role" name="role" defaultValue={query.role} className="input">
            <option value="">{t('common.all')}</option>
            {Object.entries(ROLE_KEYS).map(([role, key]) => (
              <option key={role} value={role}>
                {t(key)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          {t('admin.filter')}
        </button>
      </Form>
      <PagedTable
        empty={rows.length === 0 ? t('admin.usersEmpty') : null}
        testId="user-list"
        head={
          <>
            <th scope="col">{t('admin.colEmail')}</th>
            <th scope="col">{t('admin.colName')}</th>
            <th scope="col">{t('admin.colRole')}</th>
            <th scope="col">{t('admin.colScope')}</th>
            <th scope="col">{t('common.status')}</th>
            <th scope="col">{t('common.createdAt')}</th>
            <th scope="col">{t('common.actions')}</th>
          </>
        }
        page={page}
        pageSize={pageSize}
        total={total}
      >
        {rows.map((u) => {
          const self = u.id === adminId;
          const scope =
            u.role !== 'official'
              ? ''
              : u.scopePrefecture === null
                ? t('admin.scopeProvince')
                : (prefectureName(u.scopePrefecture, locale) ?? u.scopePrefecture);
          const suspend = u.status === 'active';
          return (
            <tr key={u.id}>
              <th scope="row" className="break-all font-normal">
                {u.email}
                {self ? <span className="ml-1 text-slate-700">{t('admin.you')}</span> : null}
              </th>
              <td>{u.displayName}</td>
              <td className="whitespace-nowrap">{t(ROLE_KEYS[u.role])}</td>
              <td>{scope}</td>
              <td>
                <span
                  className={`badge ${suspend ? 'bg-green-100 text-green-900' : 'bg-red-100 text-red-900'}`}
                >
                  {t(u.status === 'deleted' ? 'privacy.statusDeleted' : suspend ? 'admin.statusActive' : 'admin.statusSuspended')}
                </span>
              </td>
              <td className="whitespace-nowrap">{date.format(new Date(u.createdAt))}</td>
              <td>
                {/* A deleted account (issue 13) can be neither suspended nor reinstated. */}
                {self || u.status === 'deleted' ? null : (
                  <Form method="post">
                    <input type="hidden" name="userId" value={u.id} />
                    <button
                      type="submit"
                      name="intent"
                      value={suspend ? 'suspend' : 'reinstate'}
                      className={suspend ? 'btn-danger px-3 py-1' : 'btn-secondary px-3 py-1'}
                      aria-label={t(suspend ? 'admin.suspendUser' : 'admin.reinstateUser', {
                        email: u.email,
                      })}
                      disabled={navigation.state === 'submitting'}
                    >
                      {t(suspend ? 'admin.suspend' : 'admin.reinstate')}
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          );
        })}
      </PagedTable>
    </section>
  );
}
