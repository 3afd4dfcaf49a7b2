// What the offering form needs from its schema's rules (app/schemas/offerings.ts), kept here so
// the page does not import a zod module (issue 13; docs/decisions/0009-page-javascript.md).
export const MAX_PLANS = 10;
export const OFFERING_SIZES = ['micro', 'small', 'medium', 'large'] as const;

/** Fen → the text shown back in a price input ('980.50', or '980' when whole). */
export function fenToYuanInput(fen: number | null): string {
  if (fen === null) return '';
  const yuan = Math.floor(fen / 100);
  const cents = fen % 100;
  return cents === 0 ? String(yuan) : `${yuan}.${String(cents).padStart(2, '0')}`;
}
