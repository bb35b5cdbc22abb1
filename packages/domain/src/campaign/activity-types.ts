/**
 * Activity types of the 双争先 campaign (MISSION.md, phases 1–4). An activity is recorded by a
 * unit with date, place, attendance and photos; tasks count activities of a type as evidence.
 */
export const ACTIVITY_TYPES = [
  { code: 'mobilization_meeting', nameZh: '动员大会', nameEn: 'Mobilization meeting' },
  { code: 'party_education', nameZh: '党性教育', nameEn: 'Party-spirit education' },
  { code: 'publicity', nameZh: '宣传', nameEn: 'Publicity' },
  { code: 'symposium', nameZh: '座谈交流', nameEn: 'Symposium' },
  { code: 'touring_report', nameZh: '巡回报告', nameEn: 'Touring report' },
  { code: 'demo_site_visit', nameZh: '示范点参观', nameEn: 'Demonstration-site visit' },
  { code: 'photo_exhibition', nameZh: '图片展', nameEn: 'Photo exhibition' },
  { code: 'outcome_seminar', nameZh: '成果研讨会', nameEn: 'Outcome seminar' },
  { code: 'summary_meeting', nameZh: '总结大会', nameEn: 'Summary meeting' },
  { code: 'other', nameZh: '其他', nameEn: 'Other' },
] as const;
export type ActivityTypeCode = (typeof ACTIVITY_TYPES)[number]['code'];

/** The forms party-spirit education takes (党性教育的形式). */
export const PARTY_EDUCATION_FORMS = [
  { code: 'oath_renewal', nameZh: '重温入党/入团誓词', nameEn: 'Re-taking the oath' },
  { code: 'party_achievements', nameZh: '回顾党的成就', nameEn: "Reviewing the Party's achievements" },
  { code: 'party_history', nameZh: '学习党史', nameEn: 'Studying Party history' },
  { code: 'party_policy', nameZh: '学习党的方针政策', nameEn: "Studying the Party's policies" },
  { code: 'party_lecture', nameZh: '领导干部讲党课', nameEn: "Leaders' Party lecture" },
] as const;
export type PartyEducationForm = (typeof PARTY_EDUCATION_FORMS)[number]['code'];

/** Kinds of structured targets (争创目标) a unit sets in its plan. */
export const TARGET_KINDS = [
  { code: 'star_tier', nameZh: '星级目标', nameEn: 'Star tier to reach', unit: '★' },
  { code: 'red_flag', nameZh: '创建五四红旗团组织', nameEn: 'May Fourth Red Flag creation', unit: '' },
  { code: 'excellent_member_ratio', nameZh: '优秀团员比例', nameEn: 'Excellent-member ratio', unit: '%' },
  { code: 'coverage', nameZh: '组织覆盖率', nameEn: 'Organization coverage', unit: '%' },
  { code: 'custom_kpi', nameZh: '自定义指标', nameEn: 'Custom indicator', unit: '' },
] as const;
export type TargetKind = (typeof TARGET_KINDS)[number]['code'];
