import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/schemas/parse.server';
import { useServerForm } from '~/components/server-form';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useDateFormats } from '~/components/adoption';
import { FlashMessage } from '~/components/flash-message';
import {
  FieldErrors,
  FormErrors,
  SelectField,
  TextAreaField,
  TextField,
} from '~/components/form';
import { prefectureName } from '~/domain/prefectures';
import { useLocale, useT } from '~/i18n/use-t';
import { liftFraud, listFraudCases, markFraud } from '~/models/adoption-fraud.server';
import { FraudLiftSchema, FraudMarkSchema } from '~/schemas/adoption.server';
import { isProvincialOfficial } from '~/domain/access-policy';
import { requireRole } from '~/utils/auth.server';
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
      title: `${t('adoption.fraud.title')} · ${t('app.name')}`,
      provincial: isProvincialOfficial(user),
      cases: listFraudCases(getDb(), { scope: user.scopePrefecture, open: true }),
      flash,
    },
    { headers },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ['official']);
  const db = getDb();
  const formData = await request.formData();
  if (formData.get('intent') === 'lift') {
    const parsed = FraudLiftSchema.safeParse(Object.fromEntries(formData));
    const caseId = String(formData.get('caseId') ?? '');
    if (!parsed.success)
      return data(
        { mark: null, lift: { caseId, errors: parsed.error.issues.map((i) => i.message) } },
        { status: 400 },
      );
    const result = liftFraud(db, { caseId: parsed.data.caseId, reason: parsed.data.reason, official: user });
    // Prefecture officials cannot lift, and an unknown case looks the same: 404.
    if (!result.ok) throw new Response('Not Found', { status: 404 });
    return redirectWithFlash('/official/adoption/fraud', `adoption.fraud.lifted|n=${result.revoked}`);
  }
  const submission = parseWithZod(formData, { schema: FraudMarkSchema });
  if (submission.status !== 'success') return data({ mark: submission.reply(), lift: null }, { status: 400 });
  const result = markFraud(db, { ...submission.value, official: user });
  if (!result.ok) {
    const message = result.error === 'notFound' ? 'adoption.fraud.notFound' : result.error;
    return data(
      { mark: submission.reply({ fieldErrors: { uscc: [message] } }), lift: null },
      { status: result.error === 'notFound' ? 404 : 409 },
    );
  }
  return redirectWithFlash('/official/adoption/fraud', `adoption.fraud.marked|n=${result.revoked}`);
}

export default function FraudMarkings() {
  const { cases, provincial, flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const { dateTime } = useDateFormats();
  const [form, fields] = useServerForm<typeof FraudMarkSchema>({
    lastResult: actionData?.mark,
  });
  const busy = navigation.state === 'submitting';
  const targetOptions = [
    { value: 'enterprise', label: t('adoption.fraud.enterprise') },
    { value: 'provider', label: t('adoption.fraud.provider') },
  ];
  return (
    <section>
      <h1 className="text-2xl font-bold" data-testid="console-title">
        {t('adoption.fraud.title')}
      </h1>
      <p className="mt-2 text-sm text-slate-700">{t('adoption.fraud.lead')}</p>
      <div className="mt-4">
        <FlashMessage message={flash} />
      </div>
      <Form method="post" {...getFormProps(form)} className="card max-w-xl">
        <h2 className="mb-3 text-lg font-semibold">{t('adoption.fraud.markTitle')}</h2>
        <FormErrors errors={form.errors} />
        <input type="hidden" name="intent" value="mark" />
        <SelectField
          label={t('adoption.fraud.targetType')}
          field={fields.targetType}
          options={targetOptions}
        />
        <TextField
          label={t('field.uscc')}
          field={fields.uscc}
          hint={t('field.usccHint')}
          autoComplete="off"
        />
        <TextAreaField
          label={t('adoption.fraud.reason')}
          field={fields.reason}
          hint={t('adoption.event.reasonHint')}
          rows={3}
        />
        <button type="submit" className="btn-danger" disabled={busy}>
          {t('adoption.fraud.mark')}
        </button>
      </Form>

      <h2 className="mb-2 mt-6 text-lg font-semibold">{t('adoption.fraud.openTitle')}</h2>
      {!provincial ? (
        <p className="mb-2 text-sm text-slate-700">{t('adoption.fraud.provincialOnly')}</p>
      ) : null}
      {cases.length === 0 ? (
        <p className="card text-slate-700" data-testid="empty-state">
          {t('adoption.fraud.empty')}
        </p>
      ) : (
        <ul className="space-y-3" data-testid="fraud-cases">
          {cases.map((c) => {
            const liftErrors = actionData?.lift?.caseId === c.id ? actionData.lift.errors : undefined;
            const reasonId = `lift-reason-${c.id}`;
            return (
              <li key={c.id} className="card">
                <h3 className="font-semibold">
                  {c.name} <span className="font-mono text-xs font-normal text-slate-700">{c.uscc}</span>
                </h3>
                <p className="mt-1 text-sm text-slate-700">
                  {t(c.targetType === 'enterprise' ? 'adoption.fraud.enterprise' : 'adoption.fraud.provider')}{' '}
                  · {prefectureName(c.prefecture, locale) ?? c.prefecture} · {t('adoption.fraud.colMarkedAt')}{' '}
                  {dateTime(c.markedAt)} · {t('adoption.fraud.colMarkedBy')} {c.markedBy ?? '—'}
                </p>
                <p className="mt-1 text-sm text-slate-900">“{c.reason}”</p>
                {provincial ? (
                  <Form
                    method="post"
                    className="mt-3 border-t border-slate-200 pt-3"
                    aria-label={t('adoption.fraud.liftLabel', { name: c.name })}
                  >
                    <input type="hidden" name="intent" value="lift" />
                    <input type="hidden" name="caseId" value={c.id} />
                    <label htmlFor={reasonId} className="label">
                      {t('adoption.fraud.liftReason')}
                    </label>
                    <textarea
                      id={reasonId}
                      name="reason"
                      rows={2}
                      required
                      minLength={2}
                      maxLength={500}
                      className="input"
                      aria-invalid={liftErrors ? true : undefined}
                      aria-describedby={liftErrors ? `${reasonId}-error` : undefined}
                    />
                    <FieldErrors id={`${reasonId}-error`} errors={liftErrors} />
                    <button type="submit" className="btn-secondary mt-2" disabled={busy}>
                      {t('adoption.fraud.lift')}
                    </button>
                  </Form>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
