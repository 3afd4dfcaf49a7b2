/** `npm run db:migrate`: applies the committed migrations to DATABASE_PATH. */
import { openDatabase } from '../db/client.server';
import { runMigrations } from '../db/migrate';

const file = process.env.DATABASE_PATH || 'data/yunqiao.db';
const db = openDatabase(file);
runMigrations(db);
db.$client.close();
console.log(`Migrations applied to ${file}`);
