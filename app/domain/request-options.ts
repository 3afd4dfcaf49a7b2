// The choices of the request (询价) and quote forms. Their schemas (app/schemas/requests.ts, on the
// server) and the forms (in the page) share them from here: a page must not import a zod module
// (issue 13; docs/decisions/0009-page-javascript.md).
export const CONTACT_PREFERENCES = ['phone', 'email', 'in-app'] as const;
export const QUOTE_BILLINGS = ['month', 'year', 'once'] as const;
