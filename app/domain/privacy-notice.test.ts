import { describe, expect, it } from 'vitest';
import { localize, needsPrivacyAcceptance, PRIVACY_NOTICE_VERSION, privacyNotice } from './privacy-notice';

// The periods the README's "Retention" section states (login failures 30 days, read notifications
// 180, sent mail 90): the notice must say the same numbers it is given.
const README_DAYS = { loginFailures: 30, readNotifications: 180, sentMail: 90 };

describe('the privacy notice', () => {
  const notice = privacyNotice(README_DAYS);

  it('is versioned by the date it took effect', () => {
    expect(notice.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(notice.version).toBe(PRIVACY_NOTICE_VERSION);
  });

  it('says, for every kind of information, what, why, how long and who sees it, in Chinese and English', () => {
    expect(notice.categories.map((c) => c.id)).toEqual(['account', 'organisation', 'marketplace', 'notifications', 'logs', 'analytics']);
    for (const c of notice.categories) {
      for (const text of [c.title, c.what, c.why, c.howLong, c.whoSees]) {
        expect(text.zh.length, `${c.id} zh`).toBeGreaterThan(1);
        expect(text.en.length, `${c.id} en`).toBeGreaterThan(1);
        expect(text.zh).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('states the retention periods it is given, in both languages', () => {
    const howLong = notice.categories.map((c) => `${c.howLong.zh} ${c.howLong.en}`).join('\n');
    expect(howLong).toContain('30 天');
    expect(howLong).toContain('180 天');
    expect(howLong).toContain('90 天');
    expect(howLong).toContain('30 days');
    const other = privacyNotice({ loginFailures: 7, readNotifications: 14, sentMail: 21 });
    const otherText = other.categories.map((c) => c.howLong.en).join('\n');
    expect(otherText).toContain('7 days');
    expect(otherText).toContain('14 days');
    expect(otherText).toContain('21 days');
  });

  it('tells officials’ scope and the contact-view log, and how to use each right', () => {
    const who = notice.categories.map((c) => c.whoSees.zh).join('\n');
    expect(who).toContain('管辖市州');
    expect(notice.categories.find((c) => c.id === 'logs')!.what.zh).toContain('查看企业联系方式');
    expect(notice.rights.filter((r) => r.path).map((r) => r.path)).toEqual(['/account/data', '/account/password', '/account/delete']);
    expect(notice.deletion.erased.length).toBeGreaterThan(0);
    expect(notice.deletion.kept.map((k) => k.zh).join('')).toContain('统一社会信用代码');
  });

  it('asks an account to accept unless it accepted exactly the version in force', () => {
    expect(needsPrivacyAcceptance(null)).toBe(true);
    expect(needsPrivacyAcceptance(undefined)).toBe(true);
    expect(needsPrivacyAcceptance('2000-01-01')).toBe(true);
    expect(needsPrivacyAcceptance(PRIVACY_NOTICE_VERSION)).toBe(false);
  });

  it('reads English for en and Chinese for anything else', () => {
    expect(localize({ zh: '中', en: 'E' }, 'en')).toBe('E');
    expect(localize({ zh: '中', en: 'E' }, 'zh-CN')).toBe('中');
  });
});
