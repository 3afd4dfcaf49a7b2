// Routes reach the database through this app-local module: Remix's classic compiler only
// empties `.server` modules inside app/, so importing db/client.server directly from a route
// would drag better-sqlite3 into the browser bundle.
export { getDb } from '../../db/client.server';
