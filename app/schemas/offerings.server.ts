// Route modules import these schemas from here: a `.server` module is empty in the browser build,
// so a page whose loader or action validates with them does not download zod (issue 13;
// docs/decisions/0009-page-javascript.md). Models, scripts and tests import the schema file itself.
export * from './offerings';
