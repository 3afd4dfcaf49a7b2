import { useEffect, useRef, useState } from 'react';
import type { ChartSpec } from './chart-spec';

type EChartsModule = typeof import('./echarts-client');

/**
 * A chart that works without JavaScript: the server's SVG is shown first (and always in print);
 * once the page is hydrated, ECharts is loaded lazily and draws the same option interactively
 * (tooltips, resizing) in its place. If loading fails the server SVG simply stays. The SVG is
 * either inline or, where the spec gives its `src`, an image the browser caches. The interactive
 * chart draws the spec's option or, when the spec carries none, the one `buildOption` makes in the
 * browser from the page's rows (the same function the server drew with: counter-options.ts).
 * `describedBy` should name the data table that carries the same numbers.
 */
export function Chart({
  spec,
  title,
  describedBy,
  testId,
  buildOption,
}: {
  spec: ChartSpec;
  title: string;
  describedBy?: string;
  testId?: string;
  buildOption?: () => Record<string, unknown>;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [lib, setLib] = useState<EChartsModule | null>(null);
  const drawable = spec.option !== null || buildOption !== undefined;
  // What the interactive chart depends on: the option itself, or the image's versioned URL, which
  // changes exactly when the numbers behind a built option do.
  const optionKey = spec.option !== null ? JSON.stringify(spec.option) : (spec.src ?? '');
  const inline = spec.option !== null;
  const builder = useRef(buildOption);
  useEffect(() => {
    builder.current = buildOption;
  });

  useEffect(() => {
    if (!drawable) return;
    let cancelled = false;
    import('./echarts-client')
      .then(async (mod) => {
        if (spec.map) await mod.ensureSichuanMap();
        if (!cancelled) setLib(mod);
      })
      .catch(() => {
        // Offline or blocked: the server-rendered SVG is already on the page.
      });
    return () => {
      cancelled = true;
    };
  }, [spec.map, drawable]);

  useEffect(() => {
    const element = container.current;
    if (!lib || !element) return;
    const option = inline ? (JSON.parse(optionKey) as Record<string, unknown>) : builder.current?.();
    if (!option) return;
    const chart = lib.echarts.init(element, null, { renderer: 'svg', height: spec.height });
    chart.setOption(option);
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => chart.resize());
    observer?.observe(element);
    return () => {
      observer?.disconnect();
      chart.dispose();
    };
  }, [lib, optionKey, inline, spec.height]);

  const live = lib !== null && drawable;
  return (
    <figure className="m-0" data-testid={testId}>
      <figcaption className="mb-2 text-base font-semibold text-slate-800">{title}</figcaption>
      {spec.svg === null ? (
        // The SVG as an image (a cached, versioned resource): the page carries it once, by address.
        <img
          src={spec.src}
          alt={spec.label}
          aria-describedby={describedBy}
          width={spec.width}
          height={spec.height}
          data-chart="ssr"
          className={`mx-auto block h-auto max-w-full ${live ? 'hidden print:block' : ''}`}
        />
      ) : (
        <div
          role="img"
          aria-label={spec.label}
          aria-describedby={describedBy}
          data-chart="ssr"
          className={`mx-auto max-w-full [&>svg]:h-auto [&>svg]:max-w-full ${live ? 'hidden print:block' : ''}`}
          style={{ width: spec.width }}
          dangerouslySetInnerHTML={{ __html: spec.svg }}
        />
      )}
      <div
        ref={container}
        role="img"
        aria-label={spec.label}
        aria-describedby={describedBy}
        data-chart="live"
        className={live ? 'w-full print:hidden' : 'hidden'}
        style={{ height: spec.height }}
      />
    </figure>
  );
}
