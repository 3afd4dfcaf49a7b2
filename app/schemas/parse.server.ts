// Conform's zod parser for route modules' actions and loaders, behind a `.server` door for the same
// reason as the schema doors (app/schemas/*.server.ts): pages do not download zod (issue 13).
export { parseWithZod } from '@conform-to/zod/v4';
