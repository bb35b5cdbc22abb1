import { describe, expect, it } from 'vitest';
import { isWebUrl, postAllows } from './publicity.ts';

describe('post states', () => {
  it('lets only a submitted post be reviewed and only an approved one be withdrawn', () => {
    expect(postAllows('submitted', 'approve')).toBe(true);
    expect(postAllows('draft', 'approve')).toBe(false);
    expect(postAllows('approved', 'edit')).toBe(false);
    expect(postAllows('approved', 'withdraw')).toBe(true);
    expect(postAllows('returned', 'edit')).toBe(true);
    expect(postAllows('withdrawn', 'submit')).toBe(true);
  });
  it('accepts web links only', () => {
    expect(isWebUrl('https://v.qq.com/x/abc')).toBe(true);
    expect(isWebUrl('javascript:alert(1)')).toBe(false);
    expect(isWebUrl('data:text/html,x')).toBe(false);
    expect(isWebUrl('ftp://x.org/a')).toBe(false);
  });
});
