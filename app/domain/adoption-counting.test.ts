import { describe, expect, it } from 'vitest';
import {
  attributeEnterprise,
  attributeWithNewEvent,
  cellsOf,
  currentCampaign,
  eventStatus,
  firstCountingEvent,
  inWindow,
  isCountable,
  onCloudAtStart,
  monthsOfWindow,
  type LedgerEvent,
} from './adoption-counting';
import { parseIsoDate, parseReportDate, todayInChina } from './adoption-dates';

const WINDOW = { startsOn: '2020-01-01', endsOn: '2022-12-31' };
const ENTERPRISE = { prefecture: '5101', industry: '34', onCloudBeforeCampaign: false };

function ev(
  id: string,
  seq: number,
  occurredOn: string,
  status: LedgerEvent['status'] = 'verified',
  level: LedgerEvent['level'] = 'saas',
): LedgerEvent {
  return { id, seq, occurredOn, status, level };
}

describe('event status (the fold of its actions)', () => {
  it('is pending with no action, verified after verify or confirm', () => {
    expect(eventStatus([])).toBe('pending');
    expect(eventStatus(['verify'])).toBe('verified');
    expect(eventStatus(['confirm'])).toBe('verified');
  });

  it('is disputed after a dispute, and verified when an official then verifies', () => {
    expect(eventStatus(['dispute'])).toBe('disputed');
    expect(eventStatus(['dispute', 'verify'])).toBe('verified');
  });

  it('is revoked after a revoke, whatever came before', () => {
    expect(eventStatus(['verify', 'revoke'])).toBe('revoked');
    expect(eventStatus(['dispute', 'revoke'])).toBe('revoked');
  });

  it('stays revoked when verified again: a correction is a new event', () => {
    expect(eventStatus(['verify', 'revoke', 'verify'])).toBe('revoked');
    expect(eventStatus(['revoke', 'confirm'])).toBe('revoked');
  });

  it('comes back to what it was when a revocation is reinstated (lifting a fraud marking)', () => {
    expect(eventStatus(['verify', 'revoke', 'reinstate'])).toBe('verified');
    expect(eventStatus(['revoke', 'reinstate'])).toBe('pending');
  });
});

describe('the counting rule', () => {
  it('first event wins: attribution takes the level and month of the earliest verified event', () => {
    const events = [
      ev('b', 2, '2021-06-03', 'verified', 'iaas'),
      ev('a', 1, '2021-04-12', 'verified', 'saas'),
      ev('c', 3, '2020-12-01', 'pending', 'paas'),
    ];
    const a = attributeEnterprise(ENTERPRISE, events, WINDOW);
    expect(a).toEqual({
      kind: 'new',
      firstEventId: 'a',
      level: 'saas',
      month: '2021-04',
      occurredOn: '2021-04-12',
      prefecture: '5101',
      industry: '34',
    });
  });

  it('an enterprise counts once however many events it has', () => {
    const events = [ev('a', 1, '2021-01-05'), ev('b', 2, '2021-02-05'), ev('c', 3, '2022-03-05')];
    expect(attributeEnterprise(ENTERPRISE, events, WINDOW)?.firstEventId).toBe('a');
  });

  it('revocation of the only event: the enterprise no longer counts', () => {
    expect(attributeEnterprise(ENTERPRISE, [ev('a', 1, '2021-04-12', 'revoked')], WINDOW)).toBeNull();
  });

  it('revocation of the first event moves the attribution to the next verified one', () => {
    const events = [
      ev('a', 1, '2021-04-12', 'revoked', 'saas'),
      ev('b', 2, '2021-09-01', 'verified', 'iaas'),
    ];
    expect(attributeEnterprise(ENTERPRISE, events, WINDOW)).toMatchObject({
      firstEventId: 'b',
      month: '2021-09',
      level: 'iaas',
    });
  });

  it('pending and disputed events do not count', () => {
    expect(
      attributeEnterprise(
        ENTERPRISE,
        [ev('a', 1, '2021-04-12', 'pending'), ev('b', 2, '2021-05-12', 'disputed')],
        WINDOW,
      ),
    ).toBeNull();
  });

  it('an event outside the window does not count, even if it is the earliest', () => {
    expect(attributeEnterprise(ENTERPRISE, [ev('a', 1, '2019-12-31')], WINDOW)).toBeNull();
    expect(attributeEnterprise(ENTERPRISE, [ev('a', 1, '2023-01-01')], WINDOW)).toBeNull();
    const events = [
      ev('a', 1, '2019-06-01', 'verified', 'iaas'),
      ev('b', 2, '2020-03-01', 'verified', 'paas'),
    ];
    expect(attributeEnterprise(ENTERPRISE, events, WINDOW)).toMatchObject({
      firstEventId: 'b',
      level: 'paas',
      month: '2020-03',
    });
  });

  it('the window is inclusive at both ends', () => {
    expect(inWindow('2020-01-01', WINDOW)).toBe(true);
    expect(inWindow('2022-12-31', WINDOW)).toBe(true);
    expect(inWindow('2023-01-01', WINDOW)).toBe(false);
  });

  it('a baseline enterprise (on the cloud before the campaign) counts as deepening, never as new', () => {
    const a = attributeEnterprise(
      { ...ENTERPRISE, onCloudBeforeCampaign: true },
      [ev('a', 1, '2021-04-12')],
      WINDOW,
    );
    expect(a?.kind).toBe('deepening');
  });

  it('several campaigns: an event counts toward every campaign whose window holds it', () => {
    const later = { startsOn: '2025-01-01', endsOn: '2027-12-31' };
    const overlapping = { startsOn: '2022-07-01', endsOn: '2025-06-30' };
    const events = [ev('a', 1, '2022-09-01')];
    expect(attributeEnterprise(ENTERPRISE, events, WINDOW)?.firstEventId).toBe('a');
    expect(attributeEnterprise(ENTERPRISE, events, overlapping)?.firstEventId).toBe('a');
    expect(attributeEnterprise(ENTERPRISE, events, later)).toBeNull();
  });

  it('an enterprise new in one campaign is deepening in the next: its verified event predates the start', () => {
    const later = { startsOn: '2025-01-01', endsOn: '2027-12-31' };
    const events = [ev('a', 1, '2021-04-12', 'verified', 'iaas'), ev('b', 2, '2025-03-02', 'verified', 'saas')];
    expect(attributeEnterprise(ENTERPRISE, events, WINDOW)?.kind).toBe('new');
    expect(attributeEnterprise(ENTERPRISE, events, later)).toMatchObject({
      kind: 'deepening',
      firstEventId: 'b',
      level: 'saas',
    });
  });

  it('a verified event before the first campaign makes the enterprise deepening there too, like the baseline flag', () => {
    const events = [ev('a', 1, '2019-12-31'), ev('b', 2, '2020-01-01')];
    expect(attributeEnterprise(ENTERPRISE, events, WINDOW)).toMatchObject({ kind: 'deepening', firstEventId: 'b' });
  });

  it('only verified events before the start make it deepening: pending, disputed or revoked ones do not', () => {
    for (const status of ['pending', 'disputed', 'revoked'] as const) {
      const events = [ev('a', 1, '2019-06-01', status), ev('b', 2, '2021-01-01')];
      expect(attributeEnterprise(ENTERPRISE, events, WINDOW)?.kind).toBe('new');
    }
  });

  it('an event on the start day itself is inside the campaign, not before it', () => {
    const events = [ev('a', 1, '2020-01-01'), ev('b', 2, '2020-05-01')];
    expect(attributeEnterprise(ENTERPRISE, events, WINDOW)).toMatchObject({ kind: 'new', firstEventId: 'a' });
  });

  it('two events on the same day: the one recorded first (lower seq) wins, whatever the ids or list order', () => {
    const events = [
      ev('zzz', 8, '2021-04-12', 'verified', 'iaas'),
      ev('aaa', 9, '2021-04-12', 'verified', 'saas'),
    ];
    expect(firstCountingEvent(events, WINDOW)?.id).toBe('zzz');
    expect(firstCountingEvent([...events].reverse(), WINDOW)?.id).toBe('zzz');
  });

  it('re-verification after revocation: the revoked event stays out, a new verified event counts again', () => {
    const revoked = ev('a', 1, '2021-04-12', eventStatus(['verify', 'revoke', 'verify']), 'saas');
    expect(attributeEnterprise(ENTERPRISE, [revoked], WINDOW)).toBeNull();
    const again = ev('b', 2, '2021-08-20', eventStatus(['verify']), 'paas');
    expect(attributeEnterprise(ENTERPRISE, [revoked, again], WINDOW)).toMatchObject({
      firstEventId: 'b',
      month: '2021-08',
      level: 'paas',
    });
  });

  it('a reinstated event counts again with its own date', () => {
    const back = ev('a', 1, '2021-04-12', eventStatus(['verify', 'revoke', 'reinstate']));
    expect(attributeEnterprise(ENTERPRISE, [back], WINDOW)?.month).toBe('2021-04');
  });
});

describe('incremental counting of a new verified event', () => {
  it('gives the same attribution as the full rule, event after event', () => {
    // A deterministic pseudo-random walk over dates inside and outside the window, with ties.
    let x = 7;
    const next = () => (x = (x * 48271) % 2147483647);
    for (let run = 0; run < 200; run++) {
      const events: LedgerEvent[] = [];
      let current = null as ReturnType<typeof attributeEnterprise>;
      for (let seq = 1; seq <= 8; seq++) {
        const year = 2019 + (next() % 5);
        const day = `${year}-0${1 + (next() % 3)}-1${next() % 2}`;
        const event = ev(`e${run}-${seq}`, seq, day, 'verified', seq % 2 ? 'saas' : 'iaas');
        const before = () => onCloudAtStart(ENTERPRISE, events, WINDOW);
        const after = attributeWithNewEvent(current, ENTERPRISE, event, WINDOW, before);
        events.push(event);
        current = after;
        expect(current).toEqual(attributeEnterprise(ENTERPRISE, events, WINDOW));
      }
    }
  });

  it('returns the current attribution itself when nothing changes', () => {
    const current = attributeEnterprise(ENTERPRISE, [ev('a', 1, '2021-04-12')], WINDOW);
    const never = () => {
      throw new Error('the other events are not needed while the enterprise already counts');
    };
    expect(attributeWithNewEvent(current, ENTERPRISE, ev('b', 2, '2021-04-12'), WINDOW, never)).toBe(current);
    expect(attributeWithNewEvent(current, ENTERPRISE, ev('c', 3, '2023-01-01'), WINDOW, never)).toBe(current);
  });

  it('an event dated before the start turns a new enterprise into deepening, and keeps its first event', () => {
    const current = attributeEnterprise(ENTERPRISE, [ev('a', 1, '2021-04-12')], WINDOW);
    const next = attributeWithNewEvent(current, ENTERPRISE, ev('b', 2, '2019-05-01'), WINDOW, () => false);
    expect(next).toMatchObject({ kind: 'deepening', firstEventId: 'a', month: '2021-04' });
  });

  it('asks for earlier verified events only when the enterprise starts to count', () => {
    let asked = 0;
    const a = attributeWithNewEvent(null, ENTERPRISE, ev('a', 1, '2021-04-12'), WINDOW, () => {
      asked += 1;
      return true;
    });
    expect(asked).toBe(1);
    expect(a?.kind).toBe('deepening');
  });
});

describe('months and cells', () => {
  it('lists every month of the window', () => {
    const months = monthsOfWindow(WINDOW);
    expect(months).toHaveLength(36);
    expect(months[0]).toBe('2020-01');
    expect(months[35]).toBe('2022-12');
    expect(monthsOfWindow({ startsOn: '2023-11-15', endsOn: '2024-02-01' })).toEqual([
      '2023-11',
      '2023-12',
      '2024-01',
      '2024-02',
    ]);
  });

  it('an attribution adds one to the total and one cell per dimension, for the province and its prefecture', () => {
    const cells = cellsOf({ prefecture: '5107', industry: '39', level: 'iaas', month: '2021-04' });
    expect(cells.filter((c) => c.dim === 'total').map((c) => c.scope)).toEqual(['*', '5107']);
    expect(cells).toContainEqual({ scope: '5107', dim: 'industry-month', key: '39|2021-04' });
    expect(cells).toHaveLength(11);
  });
});

describe('what counts, and in which campaign', () => {
  it('counts only a verified event that no revocation has withdrawn', () => {
    expect(isCountable({ status: 'verified' })).toBe(true);
    for (const status of ['pending', 'disputed', 'revoked'] as const) {
      expect(isCountable({ status })).toBe(false);
    }
    expect(isCountable({ status: eventStatus(['verify', 'revoke']) })).toBe(false);
  });

  const first = { id: 'sc-2020-2022', startsOn: '2020-01-01' };
  const next = { id: 'sc-2025-2027', startsOn: '2025-01-01' };
  const twin = { id: 'sc-2025-a', startsOn: '2025-01-01' };
  const future = { id: 'sc-2028-2030', startsOn: '2028-01-01' };

  it('shows the latest campaign whose start is not in the future', () => {
    expect(currentCampaign([future, next, first], '2026-12-06')?.id).toBe('sc-2025-2027');
    expect(currentCampaign([first, next], '2024-12-31')?.id).toBe('sc-2020-2022');
    expect(currentCampaign([first, next], '2025-01-01')?.id).toBe('sc-2025-2027');
  });

  it('takes the first by id of two starting the same day, and the first campaign before any has started', () => {
    expect(currentCampaign([next, twin], '2026-01-01')?.id).toBe('sc-2025-2027');
    expect(currentCampaign([future, next], '2019-06-01')?.id).toBe('sc-2025-2027');
    expect(currentCampaign([], '2026-01-01')).toBeNull();
  });
});

describe('dates', () => {
  it('accepts real YYYY-MM-DD dates only', () => {
    expect(parseIsoDate('2021-04-12')).toBe('2021-04-12');
    expect(parseIsoDate('2021-02-29')).toBeNull();
    expect(parseIsoDate('2020-02-29')).toBe('2020-02-29');
    expect(parseIsoDate('2021-4-12')).toBeNull();
  });

  it('accepts Excel-style YYYY/M/D in reports', () => {
    expect(parseReportDate('2021/4/2')).toBe('2021-04-02');
    expect(parseReportDate(' 2021-04-02 ')).toBe('2021-04-02');
    expect(parseReportDate('2021/13/2')).toBeNull();
    expect(parseReportDate('12/04/2021')).toBeNull();
  });

  it("judges today on China's calendar", () => {
    expect(todayInChina(new Date('2021-04-11T23:30:00Z'))).toBe('2021-04-12');
    expect(todayInChina(new Date('2021-04-12T15:59:00Z'))).toBe('2021-04-12');
  });
});
