import { getFormProps, getInputProps, type SubmissionResult } from '@conform-to/react';
import { useServerForm } from '~/components/server-form';
import { Form, Link, useNavigation } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { FieldErrors, FormErrors, SelectField, TextAreaField, TextField } from '~/components/form';
import { BILLING_CYCLES, formatFen, vocabularyName } from '~/domain/catalog-vocabulary';
import type { MessageKey } from '~/i18n';
import { useLocale, useT } from '~/i18n/use-t';
import { CONTACT_PREFERENCES } from '~/domain/request-options';
import type { RequestFormSchema } from '~/schemas/requests';

// 申请服务 on the offering page: what each visitor sees (formats/marketplace-api.md, "Requests"):
// an SME the form (opened by a link, so it works without JavaScript), a visitor the way to sign in,
// an SME without a profile the way to complete it, other roles why they cannot.

export interface RequestCta {
  viewerRole: string | null;
  hasEnterprise: boolean;
  /** The form is open: ?request=1 (the button, a match card) or an answer with errors. */
  open: boolean;
  offeringId: string;
  providerName: string;
  plans: { id: string; name: string; priceFen: number | null; billing: string }[];
}

export function RequestService({
  cta,
  lastResult,
}: {
  cta: RequestCta;
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const t = useT();
  const here = `/catalog/${cta.offeringId}`;
  if (cta.viewerRole === null) {
    const back = `${here}?request=1`;
    return (
      <div className="card space-y-2" id="request">
        <Link
          to={`/login?${new URLSearchParams({ redirectTo: back })}`}
          className="btn-primary w-full"
          aria-describedby="request-note"
        >
          {t('requests.cta.loginButton')}
        </Link>
        <p id="request-note" className="text-sm text-slate-700">
          {t('requests.cta.login')}
        </p>
        <Link to="/signup/sme" className="link text-sm">
          {t('requests.cta.signup')}
        </Link>
      </div>
    );
  }
  if (cta.viewerRole !== 'sme')
    return (
      <div className="card" id="request">
        <p className="text-sm text-slate-700" data-testid="request-not-allowed">
          {t('requests.cta.otherRole')}
        </p>
      </div>
    );
  if (!cta.hasEnterprise)
    return (
      <div className="card space-y-2" id="request">
        <p className="text-sm text-slate-700">{t('requests.cta.noEnterprise')}</p>
        <Link to="/enterprise" className="btn-secondary w-full">
          {t('requests.cta.completeProfile')}
        </Link>
      </div>
    );
  if (!cta.open && !lastResult)
    return (
      <div className="card" id="request">
        <Link to={`${here}?request=1#request`} className="btn-primary w-full" data-testid="request-open">
          {t('catalog.requestService')}
        </Link>
      </div>
    );
  return <RequestForm cta={cta} lastResult={lastResult} />;
}

function RequestForm({
  cta,
  lastResult,
}: {
  cta: RequestCta;
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const [form, fields] = useServerForm<typeof RequestFormSchema>({
    id: 'request-form',
    lastResult,
  });
  const planOptions = cta.plans.map((p) => ({
    value: p.id,
    label: `${p.name} · ${formatFen(p.priceFen, locale)}${p.priceFen === null ? '' : ` ${vocabularyName(BILLING_CYCLES, p.billing, locale)}`}`,
  }));
  const contactError = fields.contact.errors?.length ? fields.contact.errorId : undefined;
  // Opened by the 申请服务 link (…?request=1#request): focus goes to the form's heading, so a
  // keyboard or screen-reader user continues where the link sent them, not at the top of the page.
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!lastResult && window.location.hash === '#request') headingRef.current?.focus();
  }, [lastResult]);
  return (
    <section className="card" id="request" aria-labelledby="request-title">
      <h2 id="request-title" ref={headingRef} tabIndex={-1} className="text-lg font-semibold focus:outline-none">
        {t('requests.form.title')}
      </h2>
      <p className="mb-4 mt-1 text-sm text-slate-700">
        {t('requests.form.lead', { provider: cta.providerName })}
      </p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <TextAreaField
          label={t('requests.form.message')}
          field={fields.message}
          hint={t('requests.form.messageHint')}
          rows={5}
        />
        {planOptions.length ? (
          <SelectField label={t('requests.form.plan')} field={fields.planId} options={planOptions} optional />
        ) : null}
        <TextField
          label={t('requests.form.budget')}
          field={fields.budget}
          hint={t('requests.form.budgetHint')}
          inputMode="decimal"
          autoComplete="off"
          optional
        />
        <TextField label={t('requests.form.wantedBy')} field={fields.wantedBy} type="date" optional />
        <fieldset className="mb-4" aria-describedby={contactError}>
          <legend className="label">{t('requests.form.contact')}</legend>
          <div className="flex flex-col gap-2">
            {CONTACT_PREFERENCES.map((value) => (
              <label key={value} className="inline-flex items-center gap-2 text-sm">
                {/* Conform gives every radio the field's id: each needs its own. */}
                <input
                  {...getInputProps(fields.contact, { type: 'radio', value })}
                  key={value}
                  id={`${fields.contact.id}-${value}`}
                  className="h-4 w-4"
                />
                {t(`requests.contact.${value}` as MessageKey)}
              </label>
            ))}
          </div>
          <FieldErrors id={fields.contact.errorId} errors={fields.contact.errors} />
        </fieldset>
        <div className="flex flex-wrap gap-2">
          <button type="submit" className="btn-primary" disabled={navigation.state === 'submitting'}>
            {t('requests.form.submit')}
          </button>
          <Link to={`/catalog/${cta.offeringId}`} className="btn-secondary" preventScrollReset>
            {t('requests.form.cancel')}
          </Link>
        </div>
      </Form>
    </section>
  );
}
