import { Link, useLocation, useRevalidator } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { isFinished, type JobProgress, type JobStatus } from '~/domain/background-jobs';
import { translateKey } from '~/i18n/translate';
import { useLocale, useT } from '~/i18n/use-t';
import { formatDateTime } from './offering-form';

// A background job's page while it runs (issue 12): a <progress> bar with "x / y 行", fed by
// GET /api/jobs/:id a second after each answer; when the job ends the page's loader runs again and
// shows the report. Without JavaScript a <meta refresh> inside <noscript> reloads the page instead (it is
// not applied when scripts run), and a link does the same by hand.

export interface LiveJob {
  id: string;
  status: JobStatus;
  progress: JobProgress;
}

const POLL_MS = 1000;

export interface JobPoll {
  url: string;
  everyMs: number;
  /** Gets each answer; true when it is the last one wanted (the job has ended). */
  onAnswer(job: LiveJob): boolean;
  fetch?: typeof fetch;
}

/**
 * Asks `url` for the job `everyMs` after the previous answer, so a slow server never has two of
 * one page's requests at once (an interval would pile them up), until onAnswer has had enough.
 * A 4xx ends it too: signed out, or the job is not this user's (any longer); asking again cannot
 * help — except 408 and 429, which ask to come back later. A 5xx or a network error is retried.
 * Returns the cancel (it also aborts a request in flight).
 */
export function pollJob({ url, everyMs, onAnswer, fetch: get = (...a) => fetch(...a) }: JobPoll): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const aborter = new AbortController();
  const ask = async () => {
    try {
      const response = await get(url, { headers: { Accept: 'application/json' }, signal: aborter.signal });
      const retry = response.status === 408 || response.status === 429;
      if (response.status >= 400 && response.status < 500 && !retry) stopped = true;
      else if (response.ok) {
        const next = (await response.json()) as LiveJob;
        if (!stopped && onAnswer(next)) stopped = true;
      }
    } catch {
      // Offline for a moment, or cancelled: the next ask (if any) tries again.
    }
    if (!stopped) timer = setTimeout(ask, everyMs);
  };
  timer = setTimeout(ask, everyMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
    aborter.abort();
  };
}

/** The job as last seen: the loader's answer, then each poll's, until the job ends. */
function useLiveJob(job: LiveJob): LiveJob {
  const [live, setLive] = useState<LiveJob | null>(null);
  const revalidator = useRevalidator();
  useEffect(() => {
    if (isFinished(job.status)) return;
    return pollJob({
      url: `/api/jobs/${encodeURIComponent(job.id)}`,
      everyMs: POLL_MS,
      onAnswer(next) {
        setLive({ id: next.id, status: next.status, progress: next.progress });
        if (!isFinished(next.status)) return false;
        // The report (or the errors) come from the page's own loader.
        revalidator.revalidate();
        return true;
      },
    });
    // The revalidator changes identity with its state; the poll only depends on the job.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job.id, job.status]);
  return live && live.id === job.id && !isFinished(job.status) ? live : job;
}

export function JobProgressPanel({ job, unit }: { job: LiveJob; unit: 'rows' | 'offerings' }) {
  const t = useT();
  const locale = useLocale();
  const live = useLiveJob(job);
  const { pathname } = useLocation();
  const number = new Intl.NumberFormat(locale);
  const phaseKey = `jobs.phase.${live.status === 'queued' ? 'queued' : live.progress.phase}`;
  const phase = translateKey(t, phaseKey, t('jobs.phase.running'));
  const { done, total } = live.progress;
  const known = total !== null && total > 0 && live.status === 'running';
  const text = known
    ? t(unit === 'rows' ? 'jobs.progressRows' : 'jobs.progressOfferings', {
        done: number.format(Math.min(done, total)),
        total: number.format(total),
      })
    : t('jobs.progressWaiting');
  return (
    <section aria-labelledby="job-progress-heading" className="card max-w-2xl" data-testid="job-progress">
      <noscript>
        <meta httpEquiv="refresh" content="2" />
      </noscript>
      <h2 id="job-progress-heading" className="text-lg font-semibold">
        {t(`jobs.status.${live.status}`)}
      </h2>
      <p className="mt-1 text-sm text-slate-700" aria-live="polite" data-testid="job-phase">
        {phase}
      </p>
      {/* Without value the bar is indeterminate: the file is being read, or the job waits its turn. */}
      <progress
        className="mt-3 block h-3 w-full"
        aria-label={t('jobs.progressLabel')}
        aria-valuetext={text}
        {...(known ? { value: Math.min(done, total), max: total } : {})}
      />
      <p className="mt-1 text-sm tabular-nums text-slate-800" data-testid="job-progress-text">
        {text}
      </p>
      <p className="mt-3 text-xs text-slate-600">{t('jobs.leaveHint')}</p>
      <noscript>
        <p className="mt-1 text-xs text-slate-600">{t('jobs.noScriptRefresh')}</p>
      </noscript>
      <Link to={pathname} className="link mt-2 inline-block text-sm" data-testid="job-refresh">
        {t('jobs.refresh')}
      </Link>
    </section>
  );
}

export interface RecentJob {
  id: string;
  status: JobStatus;
  fileName: string;
  createdAt: string;
}

const STATUS_BADGE: Record<JobStatus, string> = {
  queued: 'bg-slate-100 text-slate-800',
  running: 'bg-amber-50 text-amber-900',
  succeeded: 'bg-green-50 text-green-900',
  failed: 'bg-red-50 text-red-900',
};

/** The user's latest uploads of one kind, each linked to its job page. */
export function RecentJobs({ jobs, hrefOf }: { jobs: RecentJob[]; hrefOf: (id: string) => string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section aria-labelledby="recent-jobs-heading" className="mt-8 max-w-3xl">
      <h2 id="recent-jobs-heading" className="text-lg font-semibold">
        {t('jobs.recentTitle')}
      </h2>
      {jobs.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700" data-testid="recent-jobs-empty">
          {t('jobs.recentEmpty')}
        </p>
      ) : (
        <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="table" data-testid="recent-jobs">
            <caption className="sr-only">{t('jobs.recentCaption', { n: jobs.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('jobs.colFile')}</th>
                <th scope="col">{t('jobs.colUploadedAt')}</th>
                <th scope="col">{t('jobs.colStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <tr key={job.id}>
                  <th scope="row" className="max-w-[16rem] break-words font-normal">
                    <Link to={hrefOf(job.id)} className="link">
                      {job.fileName || t('jobs.view')}
                    </Link>
                  </th>
                  <td className="whitespace-nowrap">{formatDateTime(job.createdAt, locale)}</td>
                  <td>
                    <span className={`badge ${STATUS_BADGE[job.status]}`}>
                      {t(`jobs.status.${job.status}`)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
