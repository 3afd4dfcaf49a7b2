import { Form } from '@remix-run/react';
import type { ActionKind, EventStatus } from '~/domain/adoption-counting';
import { formatInChina } from '~/domain/adoption-dates';
import { levelName, type AdoptionLevel } from '~/domain/adoption-levels';
import type { MessageKey } from '~/i18n';
import { useLocale, useT } from '~/i18n/use-t';

// UI pieces of the adoption ledger pages (provider, enterprise and official consoles).

const STATUS_CLASS: Record<EventStatus, string> = {
  pending: 'bg-amber-100 text-amber-900',
  verified: 'bg-green-100 text-green-900',
  disputed: 'bg-orange-100 text-orange-900',
  revoked: 'bg-slate-200 text-slate-800',
};

export function EventStatusBadge({ status }: { status: EventStatus }) {
  const t = useT();
  return (
    <span className={`badge ${STATUS_CLASS[status]}`} data-testid="event-status">
      {t(`adoption.status.${status}` as MessageKey)}
    </span>
  );
}

export function useDateFormats() {
  const locale = useLocale();
  return {
    date: (iso: string) => iso,
    dateTime: (iso: string) => formatInChina(iso, locale),
  };
}

export function LevelName({ level }: { level: AdoptionLevel }) {
  const locale = useLocale();
  return <>{levelName(level, locale)}</>;
}

interface HistoryAction {
  kind: ActionKind;
  reason: string | null;
  actorName: string | null;
  actorKind: 'user' | 'api-key' | null;
  at: string;
}

/** An event's actions in order: what happened, who, when, why. */
export function ActionHistory({ actions }: { actions: HistoryAction[] }) {
  const t = useT();
  const { dateTime } = useDateFormats();
  if (!actions.length) return <span className="text-slate-600">—</span>;
  return (
    <ol className="space-y-1 text-xs text-slate-700">
      {actions.map((a, i) => (
        <li key={i}>
          <span className="font-medium text-slate-900">{t(`adoption.action.${a.kind}` as MessageKey)}</span>
          {' · '}
          {a.actorName ??
            (a.actorKind === 'api-key' ? t('adoption.actor.apiKey') : t('adoption.actor.system'))}
          {' · '}
          {dateTime(a.at)}
          {a.reason ? <span className="block text-slate-700">“{a.reason}”</span> : null}
        </li>
      ))}
    </ol>
  );
}

export interface KeyRow {
  id: string;
  name: string;
  prefecture: string | null;
  displayPrefix: string;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** API keys with last use and a revoke button per active key (a plain form: works without JavaScript). */
export function ApiKeyTable({
  keys,
  prefectureLabel,
}: {
  keys: KeyRow[];
  prefectureLabel?: (code: string) => string;
}) {
  const t = useT();
  const { dateTime } = useDateFormats();
  if (!keys.length) {
    return (
      <p className="card mt-2 text-slate-700" data-testid="empty-state">
        {t('adoption.keys.empty')}
      </p>
    );
  }
  return (
    <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="table" data-testid="api-key-list">
        <thead>
          <tr>
            <th scope="col">{t('adoption.keys.colName')}</th>
            {prefectureLabel ? <th scope="col">{t('adoption.keys.prefecture')}</th> : null}
            <th scope="col">{t('adoption.keys.colPrefix')}</th>
            <th scope="col">{t('common.createdAt')}</th>
            <th scope="col">{t('adoption.keys.colCreatedBy')}</th>
            <th scope="col">{t('adoption.keys.colLastUsed')}</th>
            <th scope="col">{t('common.status')}</th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.id}>
              <th scope="row" className="font-medium">
                {k.name}
              </th>
              {prefectureLabel ? <td>{k.prefecture ? prefectureLabel(k.prefecture) : '—'}</td> : null}
              <td>
                <code className="text-xs">{k.displayPrefix}</code>
              </td>
              <td className="whitespace-nowrap">{dateTime(k.createdAt)}</td>
              <td>{k.createdBy ?? '—'}</td>
              <td className="whitespace-nowrap">
                {k.lastUsedAt ? dateTime(k.lastUsedAt) : t('adoption.keys.never')}
              </td>
              <td>{k.revokedAt ? t('adoption.keys.revoked') : t('adoption.keys.active')}</td>
              <td>
                {k.revokedAt ? null : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="keyId" value={k.id} />
                    <button
                      type="submit"
                      className="btn-danger"
                      aria-label={t('adoption.keys.revokeLabel', { name: k.name })}
                    >
                      {t('adoption.keys.revoke')}
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The key, shown once after creation. */
export function NewKeyNotice({ name, apiKey }: { name: string; apiKey: string }) {
  const t = useT();
  return (
    <div
      role="status"
      className="mb-4 rounded-md border border-green-300 bg-green-50 p-4 text-sm text-green-900"
      data-testid="new-api-key"
    >
      <p className="font-semibold">{t('adoption.keys.createdTitle', { name })}</p>
      <p className="mt-1">{t('adoption.keys.shownOnce')}</p>
      <code className="mt-2 block select-all break-all rounded bg-white p-2 font-mono text-slate-900">
        {apiKey}
      </code>
      <p className="mt-2">{t('adoption.keys.usage')}</p>
    </div>
  );
}
