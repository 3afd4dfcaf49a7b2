import { parseWithZod } from '@conform-to/zod/v4';
import { describe, expect, it } from 'vitest';
import { makeUscc } from '~/domain/uscc';
import { CreateOfficialSchema, LoginSchema, ProviderSignupSchema, SmeSignupSchema } from './accounts';

function form(fields: Record<string, string | string[]>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) data.append(k, x);
  return data;
}

const sme = {
  uscc: ' 91510100201906490x ',
  name: '成都示例机械有限公司',
  prefecture: '5101',
  industry: '34',
  employees: '85',
  revenueWan: '3200.5',
  displayName: '张三',
  email: ' Owner@Example.COM ',
  password: 'long-enough-pw',
  passwordConfirm: 'long-enough-pw',
  // The ticked 我已阅读并同意《隐私声明》 box, as a browser sends it.
  acceptPrivacy: 'on',
};

describe('SME sign-up schema', () => {
  it('normalises the USCC and the email and reads numbers', () => {
    const result = parseWithZod(form(sme), { schema: SmeSignupSchema });
    expect(result.status).toBe('success');
    if (result.status !== 'success') return;
    expect(result.value.uscc).toBe('91510100201906490X');
    expect(result.value.email).toBe('owner@example.com');
    expect(result.value.employees).toBe(85);
    expect(result.value.revenueWan).toBe(3200.5);
  });

  it('leaves employees and revenue optional', () => {
    const result = parseWithZod(form({ ...sme, employees: '', revenueWan: '' }), { schema: SmeSignupSchema });
    expect(result.status).toBe('success');
  });

  it('answers each bad field with a message key', () => {
    const result = parseWithZod(
      form({ ...sme, uscc: '91110000600037341N', industry: '99', employees: '-1', password: 'short', passwordConfirm: 'short' }),
      { schema: SmeSignupSchema },
    );
    expect(result.status).toBe('error');
    const errors = result.reply().error ?? {};
    expect(errors.uscc).toEqual(['uscc.checksum']);
    expect(errors.industry).toEqual(['errors.choice']);
    expect(errors.employees).toEqual(['errors.tooSmall|min=0']);
    expect(errors.password).toEqual(['errors.tooShort|min=10']);
  });

  it('requires the two passwords to match', () => {
    const result = parseWithZod(form({ ...sme, passwordConfirm: 'something-else' }), { schema: SmeSignupSchema });
    expect(result.reply().error?.passwordConfirm).toEqual(['signup.passwordMismatch']);
  });

  it('reports a missing field as required', () => {
    const result = parseWithZod(form({ ...sme, name: '' }), { schema: SmeSignupSchema });
    expect(result.reply().error?.name).toEqual(['errors.required']);
  });

  it('refuses a sign-up without the privacy consent, whatever else was sent in its place', () => {
    const { acceptPrivacy: _ticked, ...unticked } = sme;
    for (const fields of [unticked, { ...unticked, acceptPrivacy: 'no' }, { ...unticked, acceptPrivacy: '' }]) {
      const result = parseWithZod(form(fields), { schema: SmeSignupSchema });
      expect(result.status).toBe('error');
      expect(result.reply().error?.acceptPrivacy).toEqual(['privacy.mustAccept']);
    }
  });
});

describe('provider sign-up schema', () => {
  const provider = {
    uscc: makeUscc('91', '510700', 'MA62Y0001'),
    nameZh: '绵阳示例云科技有限公司',
    prefecture: 'out-of-province',
    certifications: ['mlps3', 'trusted-cloud'],
    contactPhone: '0816-1234567',
    displayName: '李四',
    email: 'p@example.com',
    password: 'long-enough-pw',
    passwordConfirm: 'long-enough-pw',
    acceptPrivacy: 'on',
  };

  it('accepts an out-of-province provider with known certifications', () => {
    const result = parseWithZod(form(provider), { schema: ProviderSignupSchema });
    expect(result.status).toBe('success');
  });

  it('rejects an unknown certification and a malformed website', () => {
    const result = parseWithZod(form({ ...provider, certifications: ['iso9001'], website: 'ftp://x' }), { schema: ProviderSignupSchema });
    const errors = result.reply().error ?? {};
    expect(errors['certifications[0]']).toEqual(['errors.choice']);
    expect(errors.website).toEqual(['errors.url']);
  });
});

describe('login and staff schemas', () => {
  it('requires a well-formed email', () => {
    expect(parseWithZod(form({ email: 'nope', password: 'x' }), { schema: LoginSchema }).reply().error?.email).toEqual(['errors.email']);
  });

  it('accepts province or a 51xx code as an official scope', () => {
    const base = { email: 'o@example.com', displayName: '王五', role: 'official' };
    expect(parseWithZod(form({ ...base, scope: 'province' }), { schema: CreateOfficialSchema }).status).toBe('success');
    expect(parseWithZod(form({ ...base, scope: '5101' }), { schema: CreateOfficialSchema }).status).toBe('success');
    expect(parseWithZod(form({ ...base, scope: '1101' }), { schema: CreateOfficialSchema }).status).toBe('error');
  });
});
