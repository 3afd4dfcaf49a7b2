import fs from 'node:fs';
import { openDatabase } from '../db/client.server';
import { runMigrations } from '../db/migrate';
for (const notrig of [false, true]) {
  fs.rmSync('/tmp/prof/e3.db', { force: true }); fs.rmSync('/tmp/prof/e3.db-wal', { force: true });
  const db = openDatabase('/tmp/prof/e3.db'); runMigrations(db);
  db.$client.pragma('foreign_keys = OFF');
  if (notrig) db.$client.exec('DROP TRIGGER adoption_counted_cells_insert');
  const ins = db.$client.prepare(`INSERT INTO adoption_counted (campaign_id, enterprise_id, kind, first_event_id, level, month, occurred_on, prefecture, industry) VALUES ('sc-2020-2022', ?, 'new', 'x', 'saas', ?, '2021-01-01', ?, ?)`);
  const n = 20000; const t0 = performance.now();
  db.$client.transaction(() => { for (let i = 0; i < n; i++) ins.run('e' + i, `202${i % 3}-0${1 + (i % 9)}`, ['5101', '5103', '5107'][i % 3], String(13 + (i % 30))); })();
  console.log(notrig ? 'no trigger' : 'trigger', ((performance.now() - t0) * 1000 / n).toFixed(1), 'µs/row');
  db.$client.close();
}
