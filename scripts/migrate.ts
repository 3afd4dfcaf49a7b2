/** `npm run db:migrate`: applies the committed migrations to DATABASE_PATH. */
import { openDatabase } from '../db/client.server';
import { runMigrations } from '../db/migrate';
import { databasePath, loadDotEnv } from '../app/utils/env.server';

loadDotEnv();
const file = databasePath();
const db = openDatabase(file);
runMigrations(db);
db.$client.close();
console.log(`Migrations applied to ${file}`);
