/** Cadre positions. A cadre (团干部) is a member with a position other than 'none'. */
export const POSITIONS = [
  { code: 'secretary', nameZh: '书记', nameEn: 'Secretary' },
  { code: 'deputy_secretary', nameZh: '副书记', nameEn: 'Deputy secretary' },
  { code: 'organization_member', nameZh: '组织委员', nameEn: 'Organization member' },
  { code: 'publicity_member', nameZh: '宣传委员', nameEn: 'Publicity member' },
  { code: 'committee_member', nameZh: '委员', nameEn: 'Committee member' },
  { code: 'none', nameZh: '团员', nameEn: 'Member' },
] as const;
export type PositionCode = (typeof POSITIONS)[number]['code'];

export const MEMBER_STATUSES = [
  { code: 'active', nameZh: '在册', nameEn: 'Active' },
  { code: 'transferred_out', nameZh: '已转出', nameEn: 'Transferred out' },
  { code: 'aged_out', nameZh: '超龄离团', nameEn: 'Aged out' },
  { code: 'left', nameZh: '已退团', nameEn: 'Left' },
] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number]['code'];

export type Gender = 'male' | 'female';
