import crypto from 'node:crypto';

// Validators for the public counter's cacheable answers (chart images, open-data CSV): answers
// that depend only on their URL and the data, never on a cookie, so a browser or proxy may keep
// them and ask again with If-None-Match.

/** A strong ETag for a body: a short digest, quoted. */
export function etagOf(body: string): string {
  return `"${crypto.createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`;
}

/** Whether an If-None-Match header value names `etag` (a list, weak validators and * included; RFC 9110 §13.1.2). */
export function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}
