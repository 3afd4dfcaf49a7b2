import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/** Escapes LIKE's wildcards so a typed '%' or '_' matches itself (used with ESCAPE '\'). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `column LIKE '%text%'` with the user's text taken literally. */
export function likeContains(column: SQLWrapper, text: string): SQL {
  return sql`${column} LIKE ${`%${escapeLike(text)}%`} ESCAPE '\\'`;
}
