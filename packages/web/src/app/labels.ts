import { useCallback } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ROLES } from '@zx/domain/auth/roles';
import { MEMBER_STATUSES, POSITIONS } from '@zx/domain/people/positions';
import { DEFAULT_ORG_TYPES } from '@zx/domain/org/types';
import { api } from '../api/client.ts';

interface Named {
  code: string;
  nameZh: string;
  nameEn: string;
}

function nameOf(list: readonly Named[], code: string | null | undefined, en: boolean): string {
  if (!code) return '';
  const hit = list.find((x) => x.code === code);
  return hit ? (en ? hit.nameEn : hit.nameZh) : code;
}

export function useOrgTypes() {
  return useQuery({
    queryKey: ['orgs', 'types'],
    queryFn: () => api.GET('/orgs/types'),
    staleTime: 10 * 60_000,
    placeholderData: DEFAULT_ORG_TYPES,
  });
}

/** Display names for codes: roles, positions and statuses from @zx/domain, org types from the server. */
export function useLabels() {
  const { i18n, t } = useTranslation();
  const en = i18n.language === 'en-US';
  const { data: types = DEFAULT_ORG_TYPES } = useOrgTypes();
  return {
    en,
    role: useCallback((c: string | null | undefined) => nameOf(ROLES, c, en), [en]),
    position: useCallback((c: string | null | undefined) => nameOf(POSITIONS, c, en), [en]),
    memberStatus: useCallback((c: string | null | undefined) => nameOf(MEMBER_STATUSES, c, en), [en]),
    orgType: useCallback((c: string | null | undefined) => nameOf(types, c, en), [en, types]),
    orgStatus: useCallback((c: string | null | undefined) => (c ? t(`orgStatus.${c}`) : ''), [t]),
    gender: useCallback((g: string | null | undefined) => (g ? t(`gender.${g}`) : ''), [t]),
    types,
  };
}

export const ROLE_LIST = ROLES;
export const POSITION_LIST = POSITIONS;
export const MEMBER_STATUS_LIST = MEMBER_STATUSES;
