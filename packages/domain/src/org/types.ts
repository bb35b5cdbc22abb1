/**
 * The default organization types, top to bottom. The list is configurable per deployment
 * (table org_type); these are what a fresh database is seeded with.
 */
export interface OrgTypeDef {
  code: string;
  nameZh: string;
  nameEn: string;
  /** Rank in the hierarchy: a child's rank must be greater than its parent's. */
  rank: number;
  /** Basic units (基层组织) hold members directly and do the campaign's work. */
  holdsMembers: boolean;
}

export const DEFAULT_ORG_TYPES: OrgTypeDef[] = [
  { code: 'city', nameZh: '市委', nameEn: 'City committee', rank: 10, holdsMembers: false },
  { code: 'district', nameZh: '区县委', nameEn: 'District/county committee', rank: 20, holdsMembers: false },
  { code: 'working_committee', nameZh: '团工委', nameEn: 'Working committee', rank: 30, holdsMembers: true },
  { code: 'basic_committee', nameZh: '基层团委', nameEn: 'Basic committee', rank: 30, holdsMembers: true },
  { code: 'general_branch', nameZh: '团总支', nameEn: 'General branch', rank: 40, holdsMembers: true },
  { code: 'branch', nameZh: '团支部', nameEn: 'Branch', rank: 50, holdsMembers: true },
];
