import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

// Reading a prefecture report (formats/adoption-events.md, "Prefecture reports") into records of
// named cells with their line numbers. CSV saved by Excel on Chinese Windows is GB18030/GBK;
// UTF-8 with or without BOM is also common. XLSX is read with exceljs (not the npm `xlsx` package,
// whose npm releases carry unfixed advisories — see TOOLCHAIN.md).

export const REPORT_COLUMNS = [
  'uscc',
  'enterprise_name',
  'prefecture',
  'industry',
  'employees',
  'revenue_wan',
  'level',
  'provider_uscc',
  'occurred_on',
] as const;
export type ReportColumn = (typeof REPORT_COLUMNS)[number];

export interface ReportRecord {
  /** The line of the CSV file, or the row of the XLSX sheet (the header is line 1). */
  line: number;
  cells: Record<ReportColumn, string>;
}

export interface RowError {
  line: number;
  column: ReportColumn | null;
  /** A message key, optionally with parameters ('key|name=value'), translated where it is shown. */
  message: string;
}

export type ReadResult =
  { ok: true; records: ReportRecord[]; encoding: string } | { ok: false; errors: RowError[] };

const isXlsx = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/**
 * Decodes CSV bytes: a UTF-8 BOM says UTF-8; bytes that are valid UTF-8 are UTF-8 (GBK text with
 * Chinese characters practically never is); anything else is read as GB18030, the superset of GBK
 * and GB2312 that Excel writes. UTF-16 (Excel's "Unicode text") is refused with a clear message.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: string } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'UTF-8 (BOM)' };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return null;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'GB18030' };
  }
}

function headerIndex(
  header: string[],
): { ok: true; index: Map<ReportColumn, number> } | { ok: false; errors: RowError[] } {
  const names = header.map((h) =>
    h
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase(),
  );
  const index = new Map<ReportColumn, number>();
  const errors: RowError[] = [];
  for (const column of REPORT_COLUMNS) {
    const at = names.indexOf(column);
    if (at < 0) errors.push({ line: 1, column, message: `adoption.import.missingColumn|column=${column}` });
    else index.set(column, at);
  }
  for (const name of names) {
    if (name && !(REPORT_COLUMNS as readonly string[]).includes(name))
      errors.push({ line: 1, column: null, message: `adoption.import.unknownColumn|column=${name}` });
  }
  return errors.length ? { ok: false, errors } : { ok: true, index };
}

function toRecords(rows: { line: number; values: string[] }[]): ReadResult & { encoding?: string } {
  const [header, ...data] = rows;
  if (!header) return { ok: false, errors: [{ line: 1, column: null, message: 'adoption.import.empty' }] };
  const h = headerIndex(header.values);
  if (!h.ok) return h;
  const records: ReportRecord[] = [];
  for (const row of data) {
    if (row.values.every((v) => v.trim() === '')) continue;
    const cells = {} as Record<ReportColumn, string>;
    for (const column of REPORT_COLUMNS) cells[column] = (row.values[h.index.get(column) ?? -1] ?? '').trim();
    records.push({ line: row.line, cells });
  }
  if (!records.length)
    return { ok: false, errors: [{ line: 2, column: null, message: 'adoption.import.empty' }] };
  return { ok: true, records, encoding: '' };
}

/**
 * Rows of CSV text with their line numbers. Text without a double quote cannot hold a quoted comma
 * or line break (RFC 4180), so it is split directly — a third of csv-parse's time on a
 * 100,000-row report; anything quoted goes through csv-parse.
 */
function csvRows(text: string): { line: number; values: string[] }[] {
  if (!text.includes('"')) {
    const rows: { line: number; values: string[] }[] = [];
    text.split(/\r\n|\n|\r/).forEach((line, i) => {
      if (line.trim() !== '') rows.push({ line: i + 1, values: line.split(',') });
    });
    return rows;
  }
  const parsed = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  return parsed.map((p) => ({ line: p.info.lines, values: p.record }));
}

function readCsv(bytes: Uint8Array): ReadResult {
  const decoded = decodeCsv(bytes);
  if (!decoded)
    return { ok: false, errors: [{ line: 1, column: null, message: 'adoption.import.encoding' }] };
  let rows: { line: number; values: string[] }[];
  try {
    rows = csvRows(decoded.text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const line = e && typeof e === 'object' && 'lines' in e ? Number((e as { lines: unknown }).lines) : 1;
    return {
      ok: false,
      errors: [
        { line: Number.isFinite(line) ? line : 1, column: null, message: 'adoption.import.csvSyntax' },
      ],
    };
  }
  const result = toRecords(rows);
  return result.ok ? { ...result, encoding: decoded.encoding } : result;
}

/** A cell as the text a person would see: dates as YYYY-MM-DD, rich text and formulas by their text. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

async function readXlsx(bytes: Uint8Array): Promise<ReadResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    return { ok: false, errors: [{ line: 1, column: null, message: 'adoption.import.xlsxUnreadable' }] };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, errors: [{ line: 1, column: null, message: 'adoption.import.empty' }] };
  const rows: { line: number; values: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: string[] = [];
    // exceljs rows are 1-based: index 0 is always empty.
    for (let c = 1; c <= row.cellCount; c++) values.push(cellText(row.getCell(c).value));
    rows.push({ line: rowNumber, values });
  });
  const result = toRecords(rows);
  return result.ok ? { ...result, encoding: 'XLSX' } : result;
}

/** Reads a CSV (any of the three encodings) or XLSX file, told apart by content, not by name. */
export async function readReportFile(bytes: Uint8Array): Promise<ReadResult> {
  if (bytes.length === 0)
    return { ok: false, errors: [{ line: 1, column: null, message: 'adoption.import.empty' }] };
  return isXlsx(bytes) ? readXlsx(bytes) : readCsv(bytes);
}
