import { stringify } from 'csv-stringify/sync';
import { neutraliseFormula } from '~/utils/csv-formula';

// Every CSV Yunqiao hands out starts with a UTF-8 byte-order mark: Excel on Chinese Windows
// reads a CSV without one as GBK and garbles the Chinese names.
export const BOM = '\uFEFF';

export type CsvValue = string | number | null;

/**
 * The CSV text. Numbers stay numbers (a negative count is still a number in Excel); every text
 * cell — names come from enterprises and providers — is neutralised against formula injection
 * (app/utils/csv-formula.ts).
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return (
    BOM +
    stringify([header as string[], ...(rows as CsvValue[][])], {
      record_delimiter: '\r\n',
      cast: { number: (n) => String(n), string: (s) => neutraliseFormula(s) },
    })
  );
}

/** A CSV download. `filename` should be ASCII (it is also given RFC 5987-encoded for safety). */
export function csvResponse(filename: string, csv: string, headers: Record<string, string> = {}): Response {
  return new Response(csv, {
    status: 200,
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'X-Content-Type-Options': 'nosniff',
      ...headers,
    },
  });
}
