import Database from 'better-sqlite3';
const d = new Database('/tmp/prof/p.db');
const q = (s: string) => console.log(s.slice(0, 60).replace(/\s+/g,' '), '\n   ', d.prepare('EXPLAIN QUERY PLAN ' + s).all().map((r: any) => r.detail).join(' | '));
q(`SELECT e.id, e.seq, e.level, e.occurred_at AS occurredOn, s.status FROM adoption_events e JOIN adoption_event_states s ON s.event_id = e.id WHERE e.enterprise_id = 'x'`);
q(`SELECT campaign_id FROM adoption_counted WHERE enterprise_id = 'x'`);
q(`SELECT prefecture FROM enterprises WHERE id = 'x'`);
q(`SELECT kind FROM adoption_event_actions WHERE event_id = 'x' ORDER BY seq`);
q(`SELECT 1 FROM adoption_counted WHERE campaign_id = 'a' AND enterprise_id = 'x' AND kind = 'new'`);

const ids = d.prepare('select id from enterprises limit 2000 offset 5000').all().map((r: any) => r.id);
const st = d.prepare(`SELECT e.id, e.seq, e.level, e.occurred_at AS occurredOn, s.status FROM adoption_events e JOIN adoption_event_states s ON s.event_id = e.id WHERE e.enterprise_id = ?`);
let t = performance.now(); for (const id of ids) st.all(id); console.log('ledgerOf µs', ((performance.now() - t) * 1000 / ids.length).toFixed(1));
const c = d.prepare(`SELECT * FROM adoption_counted WHERE enterprise_id = ?`);
t = performance.now(); for (const id of ids) c.all(id); console.log('countedOf µs', ((performance.now() - t) * 1000 / ids.length).toFixed(1));
console.log(d.pragma('cache_size'), d.pragma('page_size'), d.pragma('page_count'));
