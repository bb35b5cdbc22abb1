import { describe, it, expect } from 'vitest';
import { normalizePhone, validateMobile, maskPhone, normalizeLandline, validateContactPhone } from './phone.ts';

describe('normalizePhone', () => {
  it.each([
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['+8613800138000', '13800138000'],
    ['008613800138000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['(+86)13800138000', '13800138000'],
    [13800138000, '13800138000'],
    [null, ''],
  ])('normalizes %j to %j', (input, out) => {
    expect(normalizePhone(input)).toBe(out);
  });
  it('does not strip 86 from an ordinary landline', () => {
    expect(normalizePhone('86123456')).toBe('86123456');
  });
});

describe('validateMobile', () => {
  it('accepts mainland mobile numbers 13x..19x and returns the 11 digits', () => {
    expect(validateMobile('13800138000')).toEqual({ ok: true, value: '13800138000' });
    expect(validateMobile('19912345678')).toEqual({ ok: true, value: '19912345678' });
    expect(validateMobile('+86 166 1234 5678')).toEqual({ ok: true, value: '16612345678' });
  });
  it.each(['12800138000', '1380013800', '138001380000', '23800138000', '025-12345678', 'abc', ''])('rejects %j with PHONE_FORMAT on field phone', (s) => {
    const r = validateMobile(s);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0].code).toBe('PHONE_FORMAT');
      expect(r.errors[0].field).toBe('phone');
      expect(r.errors[0].message).toEqual(
        s
          ? { zh: `手机号「${s}」格式错误，应为以1开头的11位号码`, en: `Mobile number "${s}" is invalid: it must be 11 digits starting with 1` }
          : { zh: '请填写11位手机号', en: 'Please enter an 11-digit mobile number' },
      );
    }
  });
  it('names the offending value in the message', () => {
    const r = validateMobile('1380013800');
    expect(r.ok ? '' : r.errors[0].message.zh).toContain('「1380013800」');
  });
});

describe('maskPhone', () => {
  it('masks the middle four digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('masks other lengths keeping first 3 and last 4', () => {
    expect(maskPhone('025-12345678')).toBe('025*****5678');
    expect(maskPhone('12345')).toBe('***45');
    expect(maskPhone('')).toBe('');
  });
});

describe('normalizeLandline / validateContactPhone', () => {
  it.each([
    ['025-12345678', '025-12345678'],
    ['02512345678', '025-12345678'],
    ['010-87654321', '010-87654321'],
    ['0512-1234567', '0512-1234567'],
    ['05121234567', '0512-1234567'],
    ['0512 12345678', '0512-12345678'],
    ['（025）12345678', '025-12345678'],
    ['025-12345678-801', '025-12345678-801'],
    ['12345678', '12345678'],
    ['400-123-4567', '400-123-4567'],
  ])('reads the landline %j as %j', (input, out) => {
    expect(normalizeLandline(input)).toBe(out);
  });
  it.each(['025-123456', '12345', 'abc', '0251234567890'])('does not read %j as a landline', (s) => {
    expect(normalizeLandline(s)).toBeNull();
  });
  it('accepts mobiles and landlines', () => {
    expect(validateContactPhone('138 0013 8000')).toEqual({ ok: true, value: '13800138000' });
    expect(validateContactPhone('025-12345678')).toEqual({ ok: true, value: '025-12345678' });
  });
  it('rejects other values with CONTACT_PHONE_FORMAT', () => {
    const r = validateContactPhone('12-34');
    expect(r.ok ? [] : r.errors.map((e) => [e.field, e.code])).toEqual([['contactPhone', 'CONTACT_PHONE_FORMAT']]);
  });
});
