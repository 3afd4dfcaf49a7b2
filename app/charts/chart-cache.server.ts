import crypto from 'node:crypto';

// Rendered charts, kept by what they draw. Drawing a chart with ECharts costs milliseconds (the
// map tens of them) and the counter behind the public charts changes far less often than it is
// read, so each distinct chart is drawn once and then served from here. The key is a digest of
// the option and the size — the numbers, labels and colours themselves — so a counter that moves
// (a new verified event, a revocation, a campaign rebuilt, a new month on the target path) gives a
// new key without anything having to remember to invalidate, and an unchanged counter keeps its
// key whatever else was written. The digest doubles as the chart's version: its ETag, and the v=
// of its image URL (app/routes/charts.counter.$chart.ts).

/** SVG text kept (in characters, about the bytes of these mostly ASCII strings): enough for every public chart in both languages, both taxonomies and a few campaigns, plus the
 * officials' prefecture views; the oldest-used charts go first beyond it. */
const MAX_CHARS = 24 * 1024 * 1024;

const entries = new Map<string, string>();
let chars = 0;
let renders = 0;

/** A short, URL-safe digest of what a chart draws. */
export function chartKey(option: unknown, width: number, height: number): string {
  return crypto
    .createHash('sha1')
    .update(JSON.stringify([width, height, option]))
    .digest('base64url')
    .slice(0, 20);
}

/** The SVG drawn for `key`, drawing it with `draw` the first time (or after it was evicted). */
export function cachedChartSvg(key: string, draw: () => string): string {
  const hit = entries.get(key);
  if (hit !== undefined) {
    // Map order is insertion order: moving a hit to the end keeps the least recently used first.
    entries.delete(key);
    entries.set(key, hit);
    return hit;
  }
  const svg = draw();
  renders += 1;
  entries.set(key, svg);
  chars += svg.length;
  for (const [oldKey, old] of entries) {
    if (chars <= MAX_CHARS || oldKey === key) break;
    entries.delete(oldKey);
    chars -= old.length;
  }
  return svg;
}

/** How many charts were drawn (not served from the cache) since the process started. */
export function chartRenderCount(): number {
  return renders;
}

export function chartCacheSize(): { charts: number; chars: number } {
  return { charts: entries.size, chars };
}
