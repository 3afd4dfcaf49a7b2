import { getFormProps, getInputProps } from '@conform-to/react';
import { parseWithZod } from '~/schemas/parse.server';
import { useServerForm } from '~/components/server-form';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
} from '@remix-run/react';
import { FlashMessage } from '~/components/flash-message';
import { FormErrors, TextAreaField } from '~/components/form';
import { formatDateTime } from '~/components/offering-form';
import { useLocale, useT } from '~/i18n/use-t';
import { deleteSynonymGroup, listSynonyms, saveSynonymGroup } from '~/models/search.server';
import { EditParamSchema, SynonymActionSchema, synonymTermsMessage } from '~/schemas/search-admin.server';
import { requireProvincialOfficial } from '~/utils/auth.server';
import { getDb } from '~/utils/db.server';
import { readFlashMessage, redirectWithFlash } from '~/utils/flash.server';
import { getTranslator } from '~/utils/locale.server';

// Synonyms change search for the whole province: requireProvincialOfficial.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? '云桥' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireProvincialOfficial(request);
  const { t } = await getTranslator(request, user);
  const url = new URL(request.url);
  const groups = listSynonyms(getDb());
  const editId = EditParamSchema.parse(url.searchParams.get('edit') ?? undefined);
  const editing = groups.find((g) => g.id === editId) ?? null;
  // ?terms= comes from the search-misses page: a failed query to start a new group with.
  const prefill = editing ? '' : [...(url.searchParams.get('terms') ?? '').trim()].slice(0, 40).join('');
  const { flash, headers } = await readFlashMessage(request);
  return data({ title: t('synonyms.metaTitle'), groups, editing, prefill, flash }, { headers });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireProvincialOfficial(request);
  const submission = parseWithZod(await request.formData(), { schema: SynonymActionSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const db = getDb();
  const value = submission.value;
  if (value.intent === 'delete') {
    if (!deleteSynonymGroup(db, { id: value.id, actorUserId: user.id })) {
      return data(submission.reply({ formErrors: ['synonyms.notFound'] }), { status: 404 });
    }
    return redirectWithFlash('/official/synonyms', 'synonyms.deleted');
  }
  const result = saveSynonymGroup(db, { id: value.id, terms: value.terms, actorUserId: user.id });
  if (!result.ok) {
    if (result.error === 'notFound')
      return data(submission.reply({ formErrors: ['synonyms.notFound'] }), { status: 404 });
    return data(submission.reply({ fieldErrors: { terms: [synonymTermsMessage(result.error)] } }), {
      status: 400,
    });
  }
  return redirectWithFlash('/official/synonyms', 'synonyms.saved');
}

export default function OfficialSynonyms() {
  const { groups, editing, flash, prefill } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const busy = navigation.state === 'submitting';
  // A new form id resets the fields: when switching between adding and editing, and after a
  // saved change (the list's version moves), but not when a submission comes back with errors.
  const version = `${groups.length}-${groups.reduce((latest, g) => (g.updatedAt > latest ? g.updatedAt : latest), '')}`;
  const [form, fields] = useServerForm<typeof SynonymActionSchema>({
    id: editing ? `synonyms-edit-${editing.id}-${version}` : `synonyms-add-${version}`,
    lastResult,
    defaultValue: {
      intent: 'save',
      id: editing ? String(editing.id) : '',
      terms: editing ? editing.terms.join('\n') : prefill,
    },
  });

  return (
    <section className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold" data-testid="console-title">
          {t('synonyms.title')}
        </h1>
        <p className="mt-2 text-sm text-slate-700">{t('synonyms.lead')}</p>
        <p className="mt-2 text-sm">
          <Link to="/official/search-misses" className="link">
            {t('searchMisses.linkFromSynonyms')}
          </Link>
        </p>
        <p className="mt-2 rounded-md border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900">
          {t('synonyms.immediate')}
        </p>
      </header>

      <FlashMessage message={flash} />

      <Form method="post" {...getFormProps(form)} className="card">
        <h2 className="mb-3 text-lg font-semibold">
          {editing ? t('synonyms.editHeading') : t('synonyms.addHeading')}
        </h2>
        <FormErrors errors={form.errors} />
        <input {...getInputProps(fields.intent, { type: 'hidden' })} key={fields.intent.key} />
        {editing ? <input {...getInputProps(fields.id, { type: 'hidden' })} key={fields.id.key} /> : null}
        <TextAreaField
          label={t('synonyms.termsLabel')}
          field={fields.terms}
          hint={t('synonyms.termsHint')}
          rows={4}
        />
        <div className="flex flex-wrap gap-2">
          <button type="submit" className="btn-primary" disabled={busy}>
            {t('synonyms.save')}
          </button>
          {editing ? (
            <Link to="/official/synonyms" className="btn-secondary">
              {t('synonyms.cancel')}
            </Link>
          ) : null}
        </div>
      </Form>

      <section aria-labelledby="synonym-groups">
        <h2 id="synonym-groups" className="mb-3 text-lg font-semibold">
          {t('synonyms.listHeading')}
        </h2>
        {groups.length === 0 ? (
          <p className="card text-slate-700" data-testid="empty-state">
            {t('synonyms.empty')}
          </p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="table" data-testid="synonym-groups">
              <caption className="sr-only">{t('synonyms.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('synonyms.colTerms')}</th>
                  <th scope="col">{t('synonyms.colUpdated')}</th>
                  <th scope="col">{t('synonyms.colActions')}</th>
                </tr>
              </thead>
              <tbody>
                {groups.map((group) => {
                  const terms = group.terms.join(' / ');
                  return (
                    <tr key={group.id} aria-current={editing?.id === group.id ? 'true' : undefined}>
                      <th scope="row" className="min-w-[12rem] font-normal">
                        <ul className="flex flex-wrap gap-1">
                          {group.terms.map((term) => (
                            <li key={term} className="badge bg-slate-100 text-slate-800">
                              {term}
                            </li>
                          ))}
                        </ul>
                      </th>
                      <td className="whitespace-nowrap">{formatDateTime(group.updatedAt, locale)}</td>
                      <td>
                        <div className="flex flex-wrap gap-2">
                          <Link
                            to={`/official/synonyms?edit=${group.id}`}
                            className="btn-secondary px-3 py-1"
                            aria-label={t('synonyms.editGroup', { terms })}
                          >
                            {t('synonyms.edit')}
                          </Link>
                          <Form method="post">
                            <input type="hidden" name="intent" value="delete" />
                            <input type="hidden" name="id" value={group.id} />
                            <button
                              type="submit"
                              className="btn-danger px-3 py-1"
                              disabled={busy}
                              aria-label={t('synonyms.deleteGroup', { terms })}
                            >
                              {t('synonyms.delete')}
                            </button>
                          </Form>
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page';
