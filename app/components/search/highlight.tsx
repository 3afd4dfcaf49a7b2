import { highlightParts } from './highlight-parts';

/** Renders an engine highlight as React text with <mark> for the matches (never as HTML). */
export function Highlight({ html, fallback }: { html: string | null | undefined; fallback: string }) {
  if (!html) return <>{fallback}</>;
  return (
    <>
      {highlightParts(html).map((part, i) =>
        part.marked ? (
          <mark key={i} className="rounded-sm bg-amber-100 px-0.5 text-inherit">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}
