import type { ChangeEvent } from 'react';
import { useT } from '~/i18n/use-t';

/**
 * The search field of the catalog's GET form. Typing calls `onQueryInput` (the page debounces it
 * into a fetcher load); Enter or the button submits the form, which works without JavaScript.
 */
export function SearchBox({
  defaultValue,
  busy,
  resultsId,
  onQueryInput,
}: {
  defaultValue: string;
  busy: boolean;
  resultsId: string;
  onQueryInput?: (event: ChangeEvent<HTMLInputElement>) => void;
}) {
  const t = useT();
  return (
    <div>
      <label htmlFor="catalog-q" className="label">
        {t('catalog.searchLabel')}
      </label>
      <div className="flex gap-2">
        <input
          id="catalog-q"
          name="q"
          type="search"
          defaultValue={defaultValue}
          maxLength={100}
          autoComplete="off"
          enterKeyHint="search"
          placeholder={t('catalog.searchPlaceholder')}
          aria-describedby="catalog-q-hint"
          aria-controls={resultsId}
          onChange={onQueryInput}
          className="input flex-1"
        />
        <button type="submit" className="btn-primary shrink-0">
          {t('search.submit')}
        </button>
      </div>
      <p id="catalog-q-hint" className="mt-1 text-xs text-slate-600">
        {t('search.hint')}
        <span className={`ml-2 ${busy ? '' : 'invisible'}`} aria-hidden={!busy}>
          {t('search.loading')}
        </span>
      </p>
    </div>
  );
}
