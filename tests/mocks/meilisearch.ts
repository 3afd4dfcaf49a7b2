/**
 * msw handlers that answer as Meilisearch documents its API (tasks, settings, documents,
 * /multi-search, /health), backed by a small in-memory index, so the Meilisearch engine can be
 * tested end to end without a server. Its matching is deliberately simple — every query word
 * (or one of its synonyms) must occur in a searchable attribute — but its filter parser follows
 * Meilisearch's rules (quoted values, `\"` and `\\` escapes, IN […], comparisons, AND/OR), so a
 * badly quoted filter fails here as it would there.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';

export const MEILI_HOST = 'http://meili.test:7700';

type Doc = Record<string, unknown> & { id: string };
type Task = Record<string, unknown> & { uid: number; status: string; type: string };

export interface FakeMeilisearch {
  handlers: HttpHandler[];
  /** Every request received: method, path (with query) and parsed JSON body. */
  requests: { method: string; path: string; body: unknown }[];
  documents: Map<string, Doc>;
  settings: Record<string, unknown>;
  /** The next n requests (any route but /tasks) answer 503, as an unreachable or overloaded server would. */
  failRequests(n: number): void;
  /** The next n enqueued tasks end as `failed` (a document the index rejects). */
  failTasks(n: number): void;
}

const now = () => new Date().toISOString();

// --- filters ---------------------------------------------------------------------------------

type Expr = (doc: Doc) => boolean;

function parseFilter(source: string): Expr {
  let at = 0;
  const ws = () => {
    while (/\s/.test(source[at] ?? '')) at++;
  };
  const fail = (what: string): never => {
    throw new Error(`invalid_search_filter: ${what} at ${at} in ${JSON.stringify(source)}`);
  };
  const value = (): string | number => {
    ws();
    const quote = source[at];
    if (quote === '"' || quote === "'") {
      at++;
      let out = '';
      while (at < source.length && source[at] !== quote) {
        if (source[at] === '\\' && at + 1 < source.length) {
          at++;
        }
        out += source[at++];
      }
      if (source[at] !== quote) fail('missing closing quote');
      at++;
      return out;
    }
    const m = /^[A-Za-z0-9_.-]+/.exec(source.slice(at));
    if (!m) fail('expected a value');
    at += m![0].length;
    return /^-?\d+(\.\d+)?$/.test(m![0]) ? Number(m![0]) : m![0];
  };
  const condition = (): Expr => {
    ws();
    if (source[at] === '(') {
      at++;
      const inner = or();
      ws();
      if (source[at] !== ')') fail('expected )');
      at++;
      return inner;
    }
    const attr = /^[A-Za-z0-9_.]+/.exec(source.slice(at))?.[0] ?? fail('expected an attribute');
    at += attr.length;
    ws();
    const op = /^(IN|<=|>=|!=|=|<|>)/.exec(source.slice(at))?.[0] ?? fail('expected an operator');
    at += op.length;
    const values = (doc: Doc) => {
      const v = doc[attr];
      return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
    };
    if (op === 'IN') {
      ws();
      if (source[at] !== '[') fail('expected [');
      at++;
      const list: (string | number)[] = [];
      for (;;) {
        list.push(value());
        ws();
        if (source[at] === ',') {
          at++;
          continue;
        }
        if (source[at] === ']') {
          at++;
          break;
        }
        fail('expected , or ]');
      }
      return (doc) => values(doc).some((v) => list.some((x) => String(x) === String(v)));
    }
    const target = value();
    return (doc) =>
      values(doc).some((v) => {
        if (typeof target === 'number' && typeof v === 'number') {
          return {
            '<=': v <= target,
            '>=': v >= target,
            '<': v < target,
            '>': v > target,
            '=': v === target,
            '!=': v !== target,
          }[op]!;
        }
        return op === '=' ? String(v) === String(target) : op === '!=' ? String(v) !== String(target) : false;
      });
  };
  const and = (): Expr => {
    const parts = [condition()];
    for (ws(); source.startsWith('AND', at); ws()) {
      at += 3;
      parts.push(condition());
    }
    return (doc) => parts.every((p) => p(doc));
  };
  function or(): Expr {
    const parts = [and()];
    for (ws(); source.startsWith('OR', at); ws()) {
      at += 2;
      parts.push(and());
    }
    return (doc) => parts.some((p) => p(doc));
  }
  const expr = or();
  ws();
  if (at !== source.length) fail('unexpected text');
  return expr;
}

// --- search ----------------------------------------------------------------------------------

function text(value: unknown): string {
  return (Array.isArray(value) ? value.join(' ') : String(value ?? '')).toLowerCase();
}

function searchIndex(fake: FakeMeilisearch, params: Record<string, unknown>) {
  const searchable = (fake.settings.searchableAttributes as string[] | undefined) ?? ['*'];
  const synonyms = (fake.settings.synonyms as Record<string, string[]> | undefined) ?? {};
  const words = String(params.q ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean);
  const filter = typeof params.filter === 'string' ? parseFilter(params.filter) : () => true;
  const fieldsOf = (doc: Doc) => (searchable[0] === '*' ? Object.keys(doc) : searchable);
  const matchAt = (doc: Doc, word: string) =>
    fieldsOf(doc).findIndex((f) => [word, ...(synonyms[word] ?? [])].some((w) => text(doc[f]).includes(w)));
  let hits = [...fake.documents.values()].filter(
    (doc) => filter(doc) && words.every((w) => matchAt(doc, w) >= 0),
  );
  const sort = params.sort as string[] | undefined;
  const key = (doc: Doc, spec: string) => {
    const [field, dir] = spec.split(':') as [string, 'asc' | 'desc'];
    const v = doc[field];
    return { missing: v === undefined || v === null, v: Number(v), dir };
  };
  hits.sort((a, b) => {
    for (const spec of sort ?? []) {
      const x = key(a, spec);
      const y = key(b, spec);
      if (x.missing !== y.missing) return x.missing ? 1 : -1;
      if (x.v !== y.v) return x.dir === 'asc' ? x.v - y.v : y.v - x.v;
    }
    // Attribute rule, roughly: the best attribute any word matched in.
    const rank = (d: Doc) => Math.min(...words.map((w) => matchAt(d, w)), 99);
    return rank(a) - rank(b) || Number(b.publishedAtMs ?? 0) - Number(a.publishedAtMs ?? 0);
  });
  const facetDistribution: Record<string, Record<string, number>> = {};
  for (const facet of (params.facets as string[] | undefined) ?? []) {
    const counts: Record<string, number> = {};
    for (const doc of hits) {
      const v = doc[facet];
      for (const value of Array.isArray(v) ? v : v === undefined ? [] : [v])
        counts[String(value)] = (counts[String(value)] ?? 0) + 1;
    }
    facetDistribution[facet] = counts;
  }
  const total = hits.length;
  const paged = params.page !== undefined || params.hitsPerPage !== undefined;
  const hitsPerPage = Number(params.hitsPerPage ?? 20);
  const page = Number(params.page ?? 1);
  const limit = Number(params.limit ?? 20);
  const offset = Number(params.offset ?? 0);
  hits = paged
    ? hits.slice((page - 1) * hitsPerPage, page * hitsPerPage)
    : hits.slice(offset, offset + limit);
  const retrieve = params.attributesToRetrieve as string[] | undefined;
  const highlight = (params.attributesToHighlight as string[] | undefined) ?? [];
  const [pre, post] = [String(params.highlightPreTag ?? '<em>'), String(params.highlightPostTag ?? '</em>')];
  const shown = hits.map((doc) => {
    const out: Record<string, unknown> = retrieve
      ? Object.fromEntries(retrieve.filter((f) => f in doc).map((f) => [f, doc[f]]))
      : { ...doc };
    if (highlight.length) {
      out._formatted = Object.fromEntries(
        highlight
          .filter((f) => f in doc)
          .map((f) => {
            let value = doc[f] === null ? null : String(doc[f]);
            for (const w of words)
              if (value)
                value = value.replace(
                  new RegExp(w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'),
                  (m) => `${pre}${m}${post}`,
                );
            return [f, value];
          }),
      );
    }
    return out;
  });
  const base = {
    hits: shown,
    query: String(params.q ?? ''),
    processingTimeMs: 1,
    facetDistribution,
    facetStats: {},
  };
  return paged
    ? { ...base, hitsPerPage, page, totalPages: Math.ceil(total / hitsPerPage), totalHits: total }
    : { ...base, limit, offset, estimatedTotalHits: total };
}

// --- server ----------------------------------------------------------------------------------

export function fakeMeilisearch(host = MEILI_HOST): FakeMeilisearch {
  let failingRequests = 0;
  let failingTasks = 0;
  let nextTask = 0;
  const tasks = new Map<number, Task>();

  const fake: FakeMeilisearch = {
    handlers: [],
    requests: [],
    documents: new Map(),
    settings: {},
    failRequests: (n) => {
      failingRequests = n;
    },
    failTasks: (n) => {
      failingTasks = n;
    },
  };

  /** Records the request, applies the change unless the task is made to fail, and answers 202 with the summarized task. */
  const enqueue = (indexUid: string, type: string, apply: () => Record<string, unknown>) => {
    const uid = nextTask++;
    const enqueuedAt = now();
    const failed = failingTasks > 0;
    if (failed) failingTasks--;
    const details = failed ? {} : apply();
    tasks.set(uid, {
      uid,
      batchUid: uid,
      indexUid,
      status: failed ? 'failed' : 'succeeded',
      type,
      canceledBy: null,
      details,
      error: failed
        ? {
            message: 'Document identifier `bad id` is invalid.',
            code: 'invalid_document_id',
            type: 'invalid_request',
            link: 'https://docs.meilisearch.com/errors#invalid_document_id',
          }
        : null,
      duration: 'PT0.001S',
      enqueuedAt,
      startedAt: enqueuedAt,
      finishedAt: now(),
    });
    return HttpResponse.json(
      { taskUid: uid, indexUid, status: 'enqueued', type, enqueuedAt },
      { status: 202 },
    );
  };

  const guard = async (request: Request, route: () => Promise<Response> | Response) => {
    const url = new URL(request.url);
    const raw = request.method === 'GET' || request.method === 'DELETE' ? '' : await request.clone().text();
    fake.requests.push({
      method: request.method,
      path: url.pathname + url.search,
      body: raw ? JSON.parse(raw) : undefined,
    });
    if (failingRequests > 0) {
      failingRequests--;
      return HttpResponse.json(
        {
          message: 'Service unavailable',
          code: 'internal',
          type: 'internal',
          link: 'https://docs.meilisearch.com/errors#internal',
        },
        { status: 503 },
      );
    }
    return route();
  };

  fake.handlers = [
    http.get(`${host}/health`, ({ request }) =>
      guard(request, () => HttpResponse.json({ status: 'available' })),
    ),
    http.get(`${host}/tasks/:uid`, ({ params }) => {
      const task = tasks.get(Number(params.uid));
      return task
        ? HttpResponse.json(task)
        : HttpResponse.json(
            {
              message: `Task \`${String(params.uid)}\` not found.`,
              code: 'task_not_found',
              type: 'invalid_request',
              link: 'https://docs.meilisearch.com/errors#task_not_found',
            },
            { status: 404 },
          );
    }),
    http.patch(`${host}/indexes/:uid/settings`, ({ request, params }) =>
      guard(request, async () => {
        const body = (await request.json()) as Record<string, unknown>;
        return enqueue(String(params.uid), 'settingsUpdate', () => {
          Object.assign(fake.settings, body);
          return body;
        });
      }),
    ),
    http.post(`${host}/indexes/:uid/documents`, ({ request, params }) =>
      guard(request, async () => {
        const docs = (await request.json()) as Doc[];
        return enqueue(String(params.uid), 'documentAdditionOrUpdate', () => {
          for (const doc of docs) fake.documents.set(String(doc.id), doc);
          return { receivedDocuments: docs.length, indexedDocuments: docs.length };
        });
      }),
    ),
    http.post(`${host}/indexes/:uid/documents/delete-batch`, ({ request, params }) =>
      guard(request, async () => {
        const ids = (await request.json()) as string[];
        return enqueue(String(params.uid), 'documentDeletion', () => {
          let deleted = 0;
          for (const id of ids) if (fake.documents.delete(String(id))) deleted++;
          return { providedIds: ids.length, deletedDocuments: deleted, originalFilter: null };
        });
      }),
    ),
    http.delete(`${host}/indexes/:uid/documents`, ({ request, params }) =>
      guard(request, () =>
        enqueue(String(params.uid), 'documentDeletion', () => {
          const deleted = fake.documents.size;
          fake.documents.clear();
          return { providedIds: 0, deletedDocuments: deleted, originalFilter: null };
        }),
      ),
    ),
    http.get(`${host}/indexes/:uid/documents`, ({ request }) =>
      guard(request, () => {
        const url = new URL(request.url);
        const limit = Number(url.searchParams.get('limit') ?? 20);
        const offset = Number(url.searchParams.get('offset') ?? 0);
        const fields = url.searchParams.get('fields')?.split(',');
        const all = [...fake.documents.values()];
        const results = all
          .slice(offset, offset + limit)
          .map((d) => (fields ? Object.fromEntries(fields.map((f) => [f, d[f]])) : d));
        return HttpResponse.json({ results, offset, limit, total: all.length });
      }),
    ),
    http.get(`${host}/indexes/:uid/stats`, ({ request }) =>
      guard(request, () =>
        HttpResponse.json({
          numberOfDocuments: fake.documents.size,
          rawDocumentDbSize: 0,
          isIndexing: false,
          fieldDistribution: {},
        }),
      ),
    ),
    http.post(`${host}/multi-search`, ({ request }) =>
      guard(request, async () => {
        const { queries } = (await request.json()) as { queries: Record<string, unknown>[] };
        try {
          return HttpResponse.json({
            results: queries.map((q) => ({ indexUid: q.indexUid, ...searchIndex(fake, q) })),
          });
        } catch (error) {
          return HttpResponse.json(
            {
              message: (error as Error).message,
              code: 'invalid_search_filter',
              type: 'invalid_request',
              link: 'https://docs.meilisearch.com/errors#invalid_search_filter',
            },
            { status: 400 },
          );
        }
      }),
    ),
  ];
  return fake;
}
