import { describe, it, expect } from 'vitest';
import * as domain from './index.ts';

describe('@zx/domain index', () => {
  it('re-exports every module', () => {
    for (const name of [
      'fieldError',
      'POSITIONS',
      'MEMBER_STATUSES',
      'DEFAULT_ORG_TYPES',
      'toHalfWidth',
      'cleanText',
      'isBlank',
      'parseLooseDate',
      'isoToday',
      'ageOn',
      'normalizeIdCard',
      'validateIdCard',
      'maskIdCard',
      'makeIdCard',
      'normalizePhone',
      'validateMobile',
      'maskPhone',
      'validateContactPhone',
      'pinyinInitials',
      'pinyinFull',
      'MEMBER_IMPORT_COLUMNS',
      'RosterParser',
      'ORG_IMPORT_COLUMNS',
      'OrgRosterParser',
      'makeTemplateRows',
      'DEFAULT_PASSWORD_POLICY',
      'checkPassword',
      'generatePassword',
      'ROLES',
      'roleAllows',
    ]) {
      expect(domain, name).toHaveProperty(name);
    }
  });
});
