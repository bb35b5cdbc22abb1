import type { CampaignTemplate } from './template.ts';

const BASIC_UNITS = ['working_committee', 'basic_committee', 'general_branch', 'branch'];
const ALL_UNITS = ['district', ...BASIC_UNITS];

/**
 * The built-in "双争先" template: the four phases of the implementation plan (MISSION.md), in our
 * own wording. Installed on first start and editable; phase dates are set per campaign.
 */
export const SHUANG_ZHENG_XIAN_TEMPLATE: CampaignTemplate = {
  key: 'shuang-zheng-xian',
  nameZh: '“双争先”主题实践活动',
  nameEn: '"Double Striving" theme practice campaign',
  rubricKey: 'five-aspects',
  phases: [
    {
      key: 'mobilization',
      nameZh: '动员准备',
      nameEn: 'Mobilization and preparation',
      descriptionZh:
        '召开动员大会，利用各类媒介和团属宣传阵地广泛宣传；各单位结合本地本单位工作重点确定一个活动主题，制定实施方案，提出切实可行的争创目标，报上级团组织审核。',
      tasks: [
        {
          key: 'mobilization_meeting',
          nameZh: '召开动员大会',
          nameEn: 'Hold a mobilization meeting',
          descriptionZh: '召开“双争先”主题实践活动动员大会，记录参会人员。',
          orgTypes: ALL_UNITS,
          evidence: { kind: 'activities', activityType: 'mobilization_meeting', min: 1 },
          due: { kind: 'days_after_start', days: 14 },
        },
        {
          key: 'publicity',
          nameZh: '开展宣传',
          nameEn: 'Publicize the campaign',
          descriptionZh: '通过报刊、网络、团属阵地等宣传活动意义，提高知晓率和覆盖面。',
          orgTypes: ALL_UNITS,
          evidence: { kind: 'activities', activityType: 'publicity', min: 1 },
          due: { kind: 'phase_end' },
        },
        {
          key: 'plan',
          nameZh: '确定主题、制定实施方案和争创目标',
          nameEn: 'Choose a theme, write the plan and set targets',
          descriptionZh: '确定一个活动主题，制定实施方案，提出争创目标，提交上级团组织审核通过。',
          orgTypes: BASIC_UNITS,
          evidence: { kind: 'plan_approved' },
          due: { kind: 'phase_end' },
        },
      ],
    },
    {
      key: 'implementation',
      nameZh: '全面实施',
      nameEn: 'Full implementation',
      descriptionZh:
        '广泛开展党性教育；在基层团组织中开展“达标争先”，深化五四红旗团委（团支部）创建，规范班子、阵地、活动、制度、保障建设；团干部作出工作承诺并在年底述职评议；团员亮明身份，争当优秀共青团员。',
      tasks: [
        {
          key: 'party_education_oath',
          nameZh: '党性教育：重温入党/入团誓词',
          nameEn: 'Party-spirit education: re-take the oath',
          descriptionZh: '组织团员、团干部重温誓词，记录参加人员。',
          orgTypes: BASIC_UNITS,
          evidence: { kind: 'activities', activityType: 'party_education', min: 1, form: 'oath_renewal' },
          due: { kind: 'phase_end' },
        },
        {
          key: 'party_education_history',
          nameZh: '党性教育：学习党史',
          nameEn: 'Party-spirit education: study Party history',
          descriptionZh: '组织学习党史和党的方针政策。',
          orgTypes: BASIC_UNITS,
          evidence: { kind: 'activities', activityType: 'party_education', min: 1, form: 'party_history' },
          due: { kind: 'phase_end' },
        },
        {
          key: 'standards_self_assessment',
          nameZh: '达标争先：对照标准自评并经上级核定',
          nameEn: 'Meet the standards: self-assessment verified by the level above',
          descriptionZh: '对照班子、阵地、活动、制度、保障五个方面的考评标准自评，由上级团组织核定档次。',
          orgTypes: BASIC_UNITS,
          evidence: { kind: 'self_assessment_verified' },
          due: { kind: 'phase_end' },
        },
        {
          key: 'cadre_commitments',
          nameZh: '团干部公开工作承诺',
          nameEn: 'Cadres publish work commitments',
          descriptionZh: '团干部向团员青年作出工作承诺并公开。',
          orgTypes: BASIC_UNITS,
          evidence: { kind: 'confirmation' },
          due: { kind: 'days_after_start', days: 30 },
        },
      ],
    },
    {
      key: 'deepening',
      nameZh: '深入推进',
      nameEn: 'Deepening',
      descriptionZh:
        '选树先进典型，组织巡回报告和示范点参观；所有基层团组织和团员对照先进典型和工作标准查找差距、制定赶超措施（对标定位）；开展“提质扩面”，实施晋档升级。',
      tasks: [
        {
          key: 'demo_site_visit',
          nameZh: '参观学习示范点',
          nameEn: 'Visit a demonstration site',
          descriptionZh: '组织到示范点参观学习，或参加先进典型巡回报告。',
          orgTypes: BASIC_UNITS,
          evidence: { kind: 'activities', activityType: 'demo_site_visit', min: 1 },
          due: { kind: 'phase_end' },
        },
        {
          key: 'benchmarking_report',
          nameZh: '对标定位：提交差距与赶超措施',
          nameEn: 'Benchmarking: report gaps and catch-up measures',
          descriptionZh: '对照先进典型和标准查找差距，形成赶超措施清单并书面汇报。',
          orgTypes: BASIC_UNITS,
          evidence: { kind: 'report_submitted' },
          due: { kind: 'phase_end' },
        },
      ],
    },
    {
      key: 'summary',
      nameZh: '总结提高',
      nameEn: 'Summary and improvement',
      descriptionZh: '举办图片展、成果研讨会，编写成果汇编；召开总结大会，表彰先进集体和先进个人；总结经验，建立长效机制。',
      tasks: [
        {
          key: 'summary_meeting',
          nameZh: '召开总结大会',
          nameEn: 'Hold a summary meeting',
          descriptionZh: '召开“双争先”主题实践活动总结大会。',
          orgTypes: ALL_UNITS,
          evidence: { kind: 'activities', activityType: 'summary_meeting', min: 1 },
          due: { kind: 'phase_end' },
        },
        {
          key: 'summary_report',
          nameZh: '提交活动总结',
          nameEn: 'Submit the campaign summary',
          descriptionZh: '全面总结活动情况和经验做法，提出长效机制建议。',
          orgTypes: ALL_UNITS,
          evidence: { kind: 'report_submitted' },
          due: { kind: 'phase_end' },
        },
      ],
    },
  ],
};
