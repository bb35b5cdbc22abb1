import { describe, it, expect } from 'vitest';
import {
  checkPassword,
  generatePassword,
  DEFAULT_PASSWORD_POLICY,
  COMMON_PASSWORDS,
  passwordClasses,
  isCommonPassword,
  type PasswordPolicy,
} from './password-policy.ts';

const codes = (pw: string, policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY, ctx?: { username?: string }) => checkPassword(pw, policy, ctx).map((e) => e.code);

describe('DEFAULT_PASSWORD_POLICY', () => {
  it('asks for 8 characters, 3 classes and refuses common passwords', () => {
    expect(DEFAULT_PASSWORD_POLICY).toEqual({ minLength: 8, minClasses: 3, refuseCommon: true });
  });
});

describe('checkPassword', () => {
  it('accepts a long password with three classes', () => {
    expect(checkPassword('Hongxing2024', DEFAULT_PASSWORD_POLICY)).toEqual([]);
    expect(checkPassword('tuan-wei-88!', DEFAULT_PASSWORD_POLICY)).toEqual([]);
  });
  it('refuses passwords shorter than minLength', () => {
    expect(codes('Ab1!xyz')).toEqual(['PASSWORD_TOO_SHORT']);
    expect(codes('Ab1!xyzw')).toEqual([]);
    expect(codes('Ab1!xyzw', { ...DEFAULT_PASSWORD_POLICY, minLength: 12 })).toEqual(['PASSWORD_TOO_SHORT']);
  });
  it('states the minimum length in the message', () => {
    const [e] = checkPassword('Ab1!', DEFAULT_PASSWORD_POLICY);
    expect(e).toMatchObject({ field: 'password', code: 'PASSWORD_TOO_SHORT' });
    expect(e.message.zh).toContain('8');
    expect(e.message.en).toContain('8');
  });
  it('refuses passwords over 128 characters', () => {
    expect(codes('Aa1!'.repeat(33))).toEqual(['PASSWORD_TOO_LONG']);
  });
  it('counts lower, upper, digit and other as the four classes', () => {
    expect(passwordClasses('abc')).toBe(1);
    expect(passwordClasses('abcDEF')).toBe(2);
    expect(passwordClasses('abcDEF123')).toBe(3);
    expect(passwordClasses('abcDEF123!')).toBe(4);
    expect(passwordClasses('团委团委')).toBe(1);
  });
  it('refuses passwords with too few classes', () => {
    expect(codes('hongxingqu')).toEqual(['PASSWORD_TOO_FEW_CLASSES']);
    expect(codes('hongxing2024')).toEqual(['PASSWORD_TOO_FEW_CLASSES']);
    expect(codes('hongxing2024', { ...DEFAULT_PASSWORD_POLICY, minClasses: 2 })).toEqual([]);
  });
  it.each(['woaini1314', 'qwe123!@#', 'Aa123456', 'P@ssw0rd', 'a123456789', 'Password123', 'Admin@123', '1qaz@WSX'])('refuses the common password %j', (pw) => {
    expect(codes(pw, { minLength: 1, minClasses: 1, refuseCommon: true })).toEqual(['PASSWORD_COMMON']);
  });
  it('compares common passwords case-insensitively', () => {
    expect(isCommonPassword('WOAINI1314')).toBe(true);
    expect(isCommonPassword('pASSw0RD')).toBe(true);
  });
  it('allows common passwords when the policy does not refuse them', () => {
    expect(codes('P@ssw0rd', { ...DEFAULT_PASSWORD_POLICY, refuseCommon: false })).toEqual([]);
  });
  it('has a built-in list of about 200 lower-case, distinct passwords', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThanOrEqual(200);
    expect(new Set(COMMON_PASSWORDS).size).toBe(COMMON_PASSWORDS.length);
    for (const p of COMMON_PASSWORDS) expect(p).toBe(p.toLowerCase());
  });
  it('refuses a password containing the username, case-insensitively', () => {
    const errors = checkPassword('ZhangSan#2024', DEFAULT_PASSWORD_POLICY, { username: 'zhangsan' });
    expect(errors.map((e) => e.code)).toEqual(['PASSWORD_COMMON']);
    expect(errors[0].message.zh).toContain('用户名');
    expect(codes('Hongxing#2024', DEFAULT_PASSWORD_POLICY, { username: 'zhangsan' })).toEqual([]);
  });
  it('ignores usernames shorter than 3 characters', () => {
    expect(codes('Hongxing#2024', DEFAULT_PASSWORD_POLICY, { username: 'ho' })).toEqual([]);
  });
  it('reports every problem at once', () => {
    expect(codes('abc')).toEqual(['PASSWORD_TOO_SHORT', 'PASSWORD_TOO_FEW_CLASSES']);
    expect(codes('123456')).toEqual(['PASSWORD_TOO_SHORT', 'PASSWORD_TOO_FEW_CLASSES', 'PASSWORD_COMMON']);
  });
  it('gives every error field password and both messages', () => {
    for (const e of checkPassword('123456', DEFAULT_PASSWORD_POLICY)) {
      expect(e.field).toBe('password');
      expect(e.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(e.message.en).toMatch(/[a-z]{3}/);
    }
  });
  it('uses the default policy when none is given', () => {
    expect(checkPassword('abc').map((e) => e.code)).toEqual(['PASSWORD_TOO_SHORT', 'PASSWORD_TOO_FEW_CLASSES']);
  });
});

describe('generatePassword', () => {
  it('generates 14 characters by default', () => {
    expect(generatePassword()).toHaveLength(14);
  });
  it('honours the requested length, with a floor of 8', () => {
    expect(generatePassword(20)).toHaveLength(20);
    expect(generatePassword(4)).toHaveLength(8);
  });
  it('always satisfies the default policy and avoids look-alike characters', () => {
    for (let i = 0; i < 300; i++) {
      const pw = generatePassword(8);
      expect(checkPassword(pw, DEFAULT_PASSWORD_POLICY)).toEqual([]);
      expect(pw).not.toMatch(/[0O1lIo]/);
      expect(passwordClasses(pw)).toBe(4);
    }
  });
  it('does not repeat itself', () => {
    const seen = new Set(Array.from({ length: 200 }, () => generatePassword()));
    expect(seen.size).toBe(200);
  });
});
