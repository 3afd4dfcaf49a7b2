import fs from 'node:fs';
import { openDatabase } from '../db/client.server';
import { usccBody } from '../scripts/bench/counter-seed';
import { makeUscc } from '../app/domain/uscc';
import { appendEvent, ensureEnterprise } from '../app/models/adoption-ledger.server';
fs.copyFileSync('/tmp/prof/p.db', '/tmp/prof/e.db');
const db = openDatabase('/tmp/prof/e.db');
if (process.env.CACHE) db.$client.pragma(`cache_size = -${process.env.CACHE}`);
if (process.env.NOTRIG) for (const t of ['adoption_counted_cells_insert']) db.$client.exec(`DROP TRIGGER ${t}`);
const n = 20000; const now = new Date().toISOString();
const t0 = performance.now();
db.$client.transaction(() => {
  for (let i = 0; i < n; i++) {
    const e = ensureEnterprise(db, { uscc: makeUscc('92', '510100', usccBody('Q', i)), name: 'x', prefecture: '5101', industry: '34' }, now);
    if (!process.env.NOEVENT) appendEvent(db, { enterpriseId: e.id, level: 'saas', occurredOn: '2022-01-05', source: 'prefecture-report', verified: !process.env.PENDING }, now);
  }
})();
console.log(process.env.CACHE ?? '-', process.env.NOTRIG ?? '-', process.env.NOEVENT ?? '-', process.env.PENDING ?? '-', 'µs/row', ((performance.now() - t0) * 1000 / n).toFixed(0));
