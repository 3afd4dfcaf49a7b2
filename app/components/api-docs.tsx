import type { ReactNode } from 'react';
import { schemaAnchor } from '~/openapi/docs-anchors';
import type { DocsView, FieldRow } from '~/openapi/docs-view.server';
import { ScrollRegion } from '~/components/scroll-region';

// The API document as a page (/api/docs, app/routes/api.docs.tsx): plain markup rendered once on
// the server, with no hooks and no script, from the view that docs-view.server.ts makes of the
// OpenAPI document. Text is Chinese with the English terms.

/** The document's descriptions use two bits of Markdown: **bold** and `code`. */
function Inline({ text }: { text: string }) {
  const parts = text.split(/(\*\*[^*]+\*\*|`[^`]+`)/g).filter(Boolean);
  return (
    <>
      {parts.map((part, i) =>
        part.startsWith('**') ? (
          <strong key={i}>{part.slice(2, -2)}</strong>
        ) : part.startsWith('`') ? (
          <code key={i} className="rounded bg-slate-100 px-1 text-[0.9em]">
            {part.slice(1, -1)}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

const METHOD_STYLE: Record<string, string> = {
  GET: 'bg-sky-100 text-sky-900',
  POST: 'bg-emerald-100 text-emerald-900',
};

function Method({ method }: { method: string }) {
  return (
    <span className={`badge font-mono ${METHOD_STYLE[method] ?? 'bg-slate-100 text-slate-900'}`}>
      {method}
    </span>
  );
}

function TableBox({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    <ScrollRegion label={caption} className="mt-3">
      <table className="table">
        <caption className="mb-1 text-left text-sm font-semibold text-slate-800">{caption}</caption>
        {children}
      </table>
    </ScrollRegion>
  );
}

/** Name, type and whether it is required in one cell, so two columns fit a phone. */
function NameCell({
  name,
  type,
  typeRef,
  required,
  place,
}: {
  name: string;
  type: string;
  typeRef?: string | null;
  required: boolean;
  place?: string;
}) {
  return (
    <td className="w-2/5">
      <code className="break-all font-mono text-xs font-semibold">{name}</code>
      <span className="mt-0.5 block break-all font-mono text-xs text-slate-700">
        {typeRef ? (
          <a className="link" href={`#${schemaAnchor(typeRef)}`}>
            {type}
          </a>
        ) : (
          type
        )}
      </span>
      <span className="block text-xs text-slate-700">
        {place ? `${place} · ` : ''}
        {required ? '必填 required' : '可选 optional'}
      </span>
    </td>
  );
}

function DescriptionCell({ description, rules }: { description: string; rules: string[] }) {
  return (
    <td>
      {description}
      {rules.length > 0 ? (
        <span className="block break-all text-xs text-slate-600">{rules.join('；')}</span>
      ) : null}
    </td>
  );
}

function FieldsTable({ caption, fields }: { caption: string; fields: FieldRow[] }) {
  return (
    <TableBox caption={caption}>
      <thead>
        <tr>
          <th scope="col">字段 Field · 类型 Type</th>
          <th scope="col">说明 Description</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((f) => (
          <tr key={f.name}>
            <NameCell name={f.name} type={f.type} typeRef={f.ref} required={f.required} />
            <DescriptionCell description={f.description} rules={f.rules} />
          </tr>
        ))}
      </tbody>
    </TableBox>
  );
}

function SchemaLink({ name }: { name: string }) {
  return (
    <a className="link font-mono" href={`#${schemaAnchor(name)}`}>
      {name}
    </a>
  );
}

function Operation({ op }: { op: DocsView['tags'][number]['operations'][number] }) {
  return (
    <article id={op.anchor} aria-labelledby={`${op.anchor}-title`} className="card mt-4 min-w-0 scroll-mt-4">
      <h3 id={`${op.anchor}-title`} className="flex flex-wrap items-center gap-2 text-lg font-semibold">
        <Method method={op.method} />
        <code className="break-all font-mono text-base">{op.path}</code>
      </h3>
      <p className="mt-1 font-medium text-slate-800">{op.summary}</p>
      <p className="mt-2 text-sm text-slate-700">
        <Inline text={op.description} />
      </p>
      <dl className="mt-3 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        {op.roles ? (
          <>
            <dt className="font-medium text-slate-700">调用者 Roles</dt>
            <dd>{op.roles}</dd>
          </>
        ) : null}
        <dt className="font-medium text-slate-700">身份 Auth</dt>
        <dd>{op.auth.length > 0 ? op.auth.join(' 或 ') : '不需要（匿名）'}</dd>
        <dt className="font-medium text-slate-700">实现 Route</dt>
        <dd className="break-all font-mono text-xs">{op.route}</dd>
      </dl>

      {op.params.length > 0 ? (
        <TableBox caption="参数 Parameters">
          <thead>
            <tr>
              <th scope="col">名称 Name · 位置 In · 类型 Type</th>
              <th scope="col">说明 Description</th>
            </tr>
          </thead>
          <tbody>
            {op.params.map((p) => (
              <tr key={`${p.in}-${p.name}`}>
                <NameCell name={p.name} type={p.type} required={p.required} place={p.in} />
                <DescriptionCell description={p.description} rules={p.rules} />
              </tr>
            ))}
          </tbody>
        </TableBox>
      ) : null}

      {op.body ? (
        op.body.ref ? (
          <p className="mt-3 text-sm">
            请求体 Request body（application/json）：
            <SchemaLink name={op.body.ref} />
          </p>
        ) : op.body.fields.length > 0 ? (
          <FieldsTable caption="请求体 Request body（application/json）" fields={op.body.fields} />
        ) : null
      ) : null}

      <TableBox caption="响应 Responses">
        <thead>
          <tr>
            <th scope="col">状态 Status</th>
            <th scope="col">说明 Description</th>
            <th scope="col">响应体 Body</th>
          </tr>
        </thead>
        <tbody>
          {op.responses.map((r) => (
            <tr key={r.status}>
              <td className="font-mono">{r.status}</td>
              <td>
                {r.description}
                {r.headers.map((h) => (
                  <span key={h} className="block font-mono text-xs text-slate-600">
                    {h}
                  </span>
                ))}
              </td>
              <td>{r.ref ? <SchemaLink name={r.ref} /> : r.fields.length > 0 ? '见下表' : '—'}</td>
            </tr>
          ))}
        </tbody>
      </TableBox>
      {op.responses
        .filter((r) => !r.ref && r.fields.length > 0)
        .map((r) => (
          <FieldsTable key={r.status} caption={`响应 ${r.status} 的字段 Fields`} fields={r.fields} />
        ))}

      {op.examples.length > 0 ? (
        <section aria-label={`${op.method} ${op.path} 示例 Examples`} className="mt-4">
          <h4 className="text-sm font-semibold text-slate-800">示例 Examples</h4>
          {op.examples.map((e) => (
            <details key={e.name} className="mt-2 rounded-md border border-slate-200 p-3">
              <summary className="cursor-pointer text-sm">
                <span className="font-medium">{e.summary}</span>
                <span className="ml-2 text-slate-700">
                  — {e.caller} → <span className="font-mono">{e.status}</span>
                </span>
              </summary>
              <p className="mt-2 text-xs font-semibold text-slate-700">请求 Request</p>
              <pre className="mt-1 overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-50">
                {e.request}
              </pre>
              <p className="mt-2 text-xs font-semibold text-slate-700">
                响应 Response：<span className="font-mono">{e.status}</span>
              </p>
              {e.response ? (
                <pre className="mt-1 overflow-x-auto rounded bg-slate-100 p-3 text-xs text-slate-900">
                  {e.response}
                </pre>
              ) : (
                <p className="mt-1 text-xs text-slate-700">响应体的结构见上面的“响应 Responses”。</p>
              )}
            </details>
          ))}
        </section>
      ) : null}
    </article>
  );
}

/** The whole page body: contents, common rules, every operation, shared schemas. */
export function ApiDocsPage({ doc }: { doc: DocsView }) {
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        跳到正文
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
          <a href="/" className="flex items-center gap-2 text-lg font-bold text-brand-800">
            <img src="/favicon.svg" alt="" width={28} height={28} />
            <span>云桥</span>
          </a>
          <nav aria-label="主菜单" className="flex flex-wrap items-center gap-1 text-sm">
            <a href="/" className="rounded px-2 py-1 text-slate-700 hover:bg-brand-50">
              首页
            </a>
            <a href="/catalog" className="rounded px-2 py-1 text-slate-700 hover:bg-brand-50">
              服务目录
            </a>
            <a
              href="/api/docs"
              aria-current="page"
              className="rounded px-2 py-1 font-semibold text-brand-800 hover:bg-brand-50"
            >
              API 文档
            </a>
          </nav>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
        <ApiDocsArticle doc={doc} />
      </main>
    </div>
  );
}

function ApiDocsArticle({ doc }: { doc: DocsView }) {
  return (
    <article>
      <h1 className="text-2xl font-bold">云桥 API 文档</h1>
      <p className="mt-2 text-slate-700">
        {doc.title} · 版本 {doc.version} · OpenAPI 3.1。机器可读的文档：
        <a className="link font-mono" href="/api/openapi.json">
          /api/openapi.json
        </a>
      </p>

      <nav aria-labelledby="toc-title" className="card mt-6">
        <h2 id="toc-title" className="text-base font-semibold">
          目录 Contents
        </h2>
        <ul className="mt-2 space-y-3 text-sm">
          <li>
            <a className="link" href="#rules">
              通用规则 Common rules
            </a>
          </li>
          {doc.tags.map((tag) => (
            <li key={tag.anchor}>
              <a className="link font-medium" href={`#${tag.anchor}`}>
                {tag.name}
              </a>
              <ul className="mt-1 space-y-1 pl-4">
                {tag.operations.map((op) => (
                  <li key={op.anchor} className="flex flex-wrap items-center gap-2">
                    <Method method={op.method} />
                    <a className="link break-all font-mono text-xs" href={`#${op.anchor}`}>
                      {op.path}
                    </a>
                    <span className="text-slate-700">{op.summary}</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
          <li>
            <a className="link" href="#schemas">
              数据结构 Schemas
            </a>
          </li>
        </ul>
      </nav>

      <section id="rules" aria-labelledby="rules-title" className="card mt-6">
        <h2 id="rules-title" className="text-xl font-semibold">
          通用规则 Common rules
        </h2>
        {doc.intro.map((p, i) => (
          <p key={i} className="mt-3 text-sm leading-relaxed text-slate-800">
            <Inline text={p} />
          </p>
        ))}
        <TableBox caption="身份 Authentication">
          <thead>
            <tr>
              <th scope="col">方式 Scheme</th>
              <th scope="col">如何发送 How</th>
              <th scope="col">说明 Description</th>
            </tr>
          </thead>
          <tbody>
            {doc.auth.map((a) => (
              <tr key={a.name}>
                <td className="whitespace-nowrap">{a.name}</td>
                <td className="font-mono text-xs">{a.how}</td>
                <td>{a.description}</td>
              </tr>
            ))}
          </tbody>
        </TableBox>
      </section>

      {doc.tags.map((tag) => (
        <section key={tag.anchor} id={tag.anchor} aria-labelledby={`${tag.anchor}-title`} className="mt-8">
          <h2 id={`${tag.anchor}-title`} className="text-xl font-semibold">
            {tag.name}
          </h2>
          {tag.operations.map((op) => (
            <Operation key={`${op.method} ${op.path}`} op={op} />
          ))}
        </section>
      ))}

      <section id="schemas" aria-labelledby="schemas-title" className="mt-8">
        <h2 id="schemas-title" className="text-xl font-semibold">
          数据结构 Schemas
        </h2>
        {doc.schemas.map((s) => (
          <section
            key={s.name}
            id={s.anchor}
            aria-labelledby={`${s.anchor}-title`}
            className="card mt-4 min-w-0 scroll-mt-4"
          >
            <h3 id={`${s.anchor}-title`} className="font-mono text-lg font-semibold">
              {s.name}
            </h3>
            {s.description ? <p className="mt-1 text-sm text-slate-700">{s.description}</p> : null}
            <FieldsTable caption={`${s.name} 的字段 Fields`} fields={s.fields} />
          </section>
        ))}
      </section>
    </article>
  );
}
