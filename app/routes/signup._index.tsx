import { Link } from '@remix-run/react';
import { useT } from '~/i18n/use-t';

export default function SignupChoice() {
  const t = useT();
  return (
    <section className="mx-auto grid max-w-3xl gap-4 md:grid-cols-2">
      <div className="card">
        <h1 className="text-xl font-semibold">{t('signup.smeTitle')}</h1>
        <p className="mt-2 text-sm text-slate-700">{t('home.forSmeText')}</p>
        <Link to="/signup/sme" className="btn-primary mt-4">
          {t('home.signupSme')}
        </Link>
      </div>
      <div className="card">
        <h2 className="text-xl font-semibold">{t('signup.providerTitle')}</h2>
        <p className="mt-2 text-sm text-slate-700">{t('home.forProviderText')}</p>
        <Link to="/signup/provider" className="btn-primary mt-4">
          {t('home.signupProvider')}
        </Link>
      </div>
    </section>
  );
}
