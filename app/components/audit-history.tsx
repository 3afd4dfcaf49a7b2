import { formatDateTime } from '~/components/offering-form';
import { translateKey } from '~/i18n/translate';
import { useLocale, useT } from '~/i18n/use-t';

export interface AuditHistoryEntry {
  id: number | string;
  action: string;
  reason: string | null;
  createdAt: string;
  actorName: string | null;
}

/** The officials' decisions on one record (models/vetting.server.ts → auditHistory), newest first. */
export function AuditHistory({ entries }: { entries: readonly AuditHistoryEntry[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <h2 className="mb-2 mt-6 text-lg font-semibold">{t('official.history')}</h2>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-700">{t('official.historyEmpty')}</p>
      ) : (
        <ul className="space-y-1 text-sm" data-testid="audit-history">
          {entries.map((h) => {
            const key = `official.audit.${h.action}`;
            return (
              <li key={h.id}>
                {formatDateTime(h.createdAt, locale)} · {translateKey(t, key, h.action)} ·{' '}
                {h.actorName ?? t('official.systemActor')}
                {h.reason ? ` · ${h.reason}` : ''}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
