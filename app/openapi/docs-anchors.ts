// Anchors of the /api/docs page, shared by the server (docs-view.server.ts) and the page itself
// (which must not import a .server module at run time in the browser).

/** The id of a shared schema's section: fields that are this schema link to it. */
export const schemaAnchor = (name: string) => `schema-${name}`;
