import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pollJob, type LiveJob } from './job-progress';

// The job page's poll of GET /api/jobs/:id (issue 12): one request at a time, the next a second
// after the previous answer; it ends with the job, on a 4xx, or when the page goes away.

const running = (done: number): LiveJob => ({
  id: 'j1',
  status: 'running',
  progress: { phase: 'apply', done, total: 10 },
});

/** A fetch whose answers the test gives one by one; it records each request. */
function server() {
  const requests: { url: string; signal: AbortSignal | null | undefined }[] = [];
  const pending: ((answer: Response | Error) => void)[] = [];
  const fetch = vi.fn((url: string | URL | Request, init?: RequestInit) => {
    requests.push({ url: String(url), signal: init?.signal });
    return new Promise<Response>((resolve, reject) =>
      pending.push((answer) => (answer instanceof Error ? reject(answer) : resolve(answer))),
    );
  }) as unknown as typeof globalThis.fetch;
  const answer = async (value: Response | Error) => {
    pending.shift()!(value);
    // Let the poll read the body and schedule its next request.
    await vi.advanceTimersByTimeAsync(0);
  };
  return { fetch, requests, answer, json: (body: LiveJob) => Response.json(body) };
}

describe('pollJob', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('never has two requests in flight: the next one goes a second after the answer', async () => {
    const s = server();
    const seen: number[] = [];
    const cancel = pollJob({
      url: '/api/jobs/j1',
      everyMs: 1000,
      fetch: s.fetch,
      onAnswer: (job) => (seen.push(job.progress.done), false),
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(s.requests.map((r) => r.url)).toEqual(['/api/jobs/j1']);
    // The server takes 5 s to answer: no second request meanwhile.
    await vi.advanceTimersByTimeAsync(5000);
    expect(s.requests).toHaveLength(1);
    await s.answer(s.json(running(3)));
    expect(seen).toEqual([3]);
    await vi.advanceTimersByTimeAsync(999);
    expect(s.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(s.requests).toHaveLength(2);
    cancel();
  });

  it('ends when the job has ended', async () => {
    const s = server();
    const answers: string[] = [];
    pollJob({
      url: '/api/jobs/j1',
      everyMs: 1000,
      fetch: s.fetch,
      onAnswer: (job) => (answers.push(job.status), job.status === 'succeeded'),
    });
    await vi.advanceTimersByTimeAsync(1000);
    await s.answer(s.json({ ...running(10), status: 'succeeded' }));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(answers).toEqual(['succeeded']);
    expect(s.requests).toHaveLength(1);
  });

  it('stops on a 4xx (signed out, not found) and keeps trying after a 5xx, a 429 or a network error', async () => {
    for (const status of [401, 403, 404]) {
      const s = server();
      pollJob({ url: '/api/jobs/j1', everyMs: 1000, fetch: s.fetch, onAnswer: () => false });
      await vi.advanceTimersByTimeAsync(1000);
      await s.answer(new Response('{}', { status }));
      await vi.advanceTimersByTimeAsync(10_000);
      expect(s.requests, String(status)).toHaveLength(1);
    }
    const s = server();
    const seen: number[] = [];
    pollJob({
      url: '/api/jobs/j1',
      everyMs: 1000,
      fetch: s.fetch,
      onAnswer: (job) => (seen.push(job.progress.done), job.progress.done === 10),
    });
    await vi.advanceTimersByTimeAsync(1000);
    await s.answer(new Response('', { status: 503 }));
    await vi.advanceTimersByTimeAsync(1000);
    await s.answer(new Response('', { status: 429 }));
    await vi.advanceTimersByTimeAsync(1000);
    await s.answer(new TypeError('Failed to fetch'));
    await vi.advanceTimersByTimeAsync(1000);
    await s.answer(s.json(running(10)));
    expect(s.requests).toHaveLength(4);
    expect(seen).toEqual([10]);
  });

  it('cancelled (the page left), it aborts the request in flight and asks no more', async () => {
    const s = server();
    const onAnswer = vi.fn(() => false);
    const cancel = pollJob({ url: '/api/jobs/j1', everyMs: 1000, fetch: s.fetch, onAnswer });
    await vi.advanceTimersByTimeAsync(1000);
    cancel();
    expect(s.requests[0]!.signal?.aborted).toBe(true);
    await s.answer(s.json(running(5)));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(onAnswer).not.toHaveBeenCalled();
    expect(s.requests).toHaveLength(1);

    // Cancelled while waiting for the next ask: nothing more either.
    const t = server();
    const stop = pollJob({ url: '/api/jobs/j1', everyMs: 1000, fetch: t.fetch, onAnswer: () => false });
    await vi.advanceTimersByTimeAsync(500);
    stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.requests).toHaveLength(0);
  });
});
