import fs from 'node:fs';
import { openDatabase } from '../db/client.server';
import { runMigrations } from '../db/migrate';
import { seedBenchmark, usccBody } from '../scripts/bench/counter-seed';
import { makeUscc } from '../app/domain/uscc';
import { importPrefectureReport } from '../app/models/adoption-import.server';
const file = '/tmp/prof/p.db';
if (!fs.existsSync(file)) {
  const db = openDatabase(file); runMigrations(db);
  seedBenchmark(db, { enterprises: 150000, events: 1000000 });
  db.$client.close();
}
const db = openDatabase(file);
if (process.env.CACHE) db.$client.pragma(`cache_size = -${process.env.CACHE}`);
const n = Number(process.env.N ?? 20000);
const off = Number(process.env.OFF ?? Date.now() % 100000);
const rows = ['uscc,enterprise_name,prefecture,industry,employees,revenue_wan,level,provider_uscc,occurred_on'];
for (let i = 0; i < n; i++) rows.push(`${makeUscc('92', '510100', usccBody('Q', off * 100000 + i))},x${i},5101,34,1,1,saas,,2022/1/${1 + (i % 28)}`);
const t0 = performance.now();
let phase = '', ps = performance.now();
const r = await importPrefectureReport(db, { bytes: Buffer.from(rows.join('\n')), fileName: 'x', scope: null, actorUserId: null, onProgress: (p) => { if (p !== phase) { if (phase) console.log(phase, (performance.now() - ps).toFixed(0)); phase = p; ps = performance.now(); } } });
console.log(phase, (performance.now() - ps).toFixed(0));
console.log(r.ok, 'total ms', (performance.now() - t0).toFixed(0));
