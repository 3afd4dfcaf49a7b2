// CSV injection (OWASP, "CSV Injection"): a cell that starts with =, +, -, @, a tab or a carriage
// return is read by Excel and LibreOffice as a formula — an enterprise named `=HYPERLINK(…)` or
// `@SUM(…)` would run in an official's spreadsheet. Such text cells get a leading apostrophe, which
// the spreadsheet shows as plain text. Every CSV Yunqiao writes goes through toCsv
// (app/charts/csv.server.ts), which applies this to each text cell.

const FORMULA_START = /^[=+\-@\t\r]/;

/** A plain decimal number written as text (e.g. an amount in 元, '-12.50'): a number, not a formula. */
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

/** The text of a cell as it is safe to write: formula-looking text gets a leading `'`. */
export function neutraliseFormula(text: string): string {
  if (!FORMULA_START.test(text) || PLAIN_NUMBER.test(text)) return text;
  return `'${text}`;
}
