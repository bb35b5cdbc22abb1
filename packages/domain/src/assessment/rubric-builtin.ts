/** The built-in rubric installed on first start. */
import { DEFAULT_RUBRIC_SETTINGS, type Rubric, type RubricItem } from './rubric-model.ts';

const item = (key: string, points: number, textZh: string, textEn: string, evidenceHintZh: string, evidenceHintEn: string): RubricItem => ({
  key,
  points,
  textZh,
  textEn,
  evidenceHintZh,
  evidenceHintEn,
});

/**
 * The built-in "五个方面" rubric in our own wording: 班子、阵地、活动、制度、保障, four items of 5
 * points each (100 in all) and three one-vote-veto items. Installed on first start, editable.
 */
export const BUILTIN_RUBRIC: Rubric = {
  key: 'five-aspects',
  nameZh: '基层团组织“五个方面”规范化建设考评标准',
  nameEn: 'Five-aspect standards for basic League units',
  dimensions: [
    {
      key: 'team',
      nameZh: '班子建设',
      nameEn: 'Leadership team',
      items: [
        item(
          'team_complete',
          5,
          '支部委员会（或委员）按期换届，职数配齐',
          'The committee is re-elected on time and fully staffed',
          '换届选举记录、委员名单',
          'Election record and committee list',
        ),
        item(
          'team_secretary',
          5,
          '团支部书记按规定产生，年度内参加过团干部培训',
          'The secretary was chosen by the rules and trained this year',
          '培训通知、结业证明或签到',
          'Training notice, certificate or sign-in',
        ),
        item('team_duties', 5, '委员分工明确，定期召开支委会研究工作', 'Clear duties; the committee meets regularly', '支委会会议记录', 'Committee minutes'),
        item(
          'team_commitment',
          5,
          '团干部公开工作承诺，年底向团员述职',
          'Cadres publish commitments and report to members at year end',
          '承诺书、述职材料',
          'Commitments and year-end report',
        ),
      ],
    },
    {
      key: 'venue',
      nameZh: '阵地建设',
      nameEn: 'Venue',
      items: [
        item('venue_place', 5, '有固定或共享的团员活动场所', 'A fixed or shared place for member activities', '场所照片', 'Photos of the place'),
        item('venue_signs', 5, '场所有团旗、团徽等标识，制度上墙', 'League flag and emblem displayed; rules posted', '场所标识照片', 'Photos of the signs'),
        item(
          'venue_online',
          5,
          '建有网上团支部或新媒体宣传阵地并正常更新',
          'An online branch or social-media channel kept up to date',
          '截图、链接',
          'Screenshots or links',
        ),
        item(
          'venue_materials',
          5,
          '团员学习资料、团刊团报配备齐全',
          'Study materials and League publications at hand',
          '资料清单或照片',
          'List or photos of the materials',
        ),
      ],
    },
    {
      key: 'activity',
      nameZh: '活动开展',
      nameEn: 'Activities',
      items: [
        item(
          'activity_meetings',
          5,
          '按期召开团员大会、团小组会，落实“三会两制一课”',
          'Member meetings held on schedule (三会两制一课)',
          '会议记录、签到表',
          'Minutes and sign-in sheets',
        ),
        item(
          'activity_education',
          5,
          '开展党性教育、主题团日等学习教育活动',
          'Party-spirit education and theme League days held',
          '活动记录与照片',
          'Activity records and photos',
        ),
        item(
          'activity_service',
          5,
          '组织志愿服务或岗位建功活动，团员参与面广',
          'Volunteer or workplace-contribution activities with wide participation',
          '活动记录、参加名单',
          'Records and attendance',
        ),
        item(
          'activity_theme',
          5,
          '结合本单位实际确定活动主题并按计划推进',
          'A theme tied to local priorities, carried out as planned',
          '实施方案及进展材料',
          'Plan and progress material',
        ),
      ],
    },
    {
      key: 'rules',
      nameZh: '制度落实',
      nameEn: 'Rules',
      items: [
        item(
          'rules_register',
          5,
          '团员名册、团籍档案规范完整，信息及时更新',
          'Member roll and records complete and current',
          '名册、档案抽查',
          'Roll and records',
        ),
        item('rules_dues', 5, '按规定收缴、使用和公开团费', 'Dues collected, used and published by the rules', '团费收缴记录', 'Dues records'),
        item('rules_evaluation', 5, '开展团员教育评议，评议程序规范', 'Annual member evaluation held by the rules', '评议记录', 'Evaluation records'),
        item(
          'rules_development',
          5,
          '按规定程序发展团员、推优入党',
          'Members recruited and recommended to the Party by the rules',
          '发展材料、推优记录',
          'Recruitment and recommendation records',
        ),
      ],
    },
    {
      key: 'support',
      nameZh: '工作保障',
      nameEn: 'Support',
      items: [
        item('support_funding', 5, '有开展活动的经费保障', 'Money for activities is secured', '经费来源说明', 'Statement of funding'),
        item(
          'support_party',
          5,
          '党组织定期听取团的工作汇报并给予指导',
          'The Party organization hears League reports and guides the work',
          '汇报记录',
          'Report records',
        ),
        item('support_time', 5, '团干部有开展工作的时间保障', 'Cadres have time for League work', '单位相关安排', 'Arrangements of the employer'),
        item('support_recognition', 5, '对优秀团员、团干部有激励措施', 'Excellent members and cadres are recognized', '表彰或激励材料', 'Commendation records'),
      ],
    },
  ],
  vetoes: [
    { key: 'veto_discipline', textZh: '团支部或团干部发生严重违纪违法问题', textEn: 'Serious breach of discipline or law by the branch or its cadres' },
    { key: 'veto_inactive', textZh: '全年未开展任何组织生活', textEn: 'No organizational life at all during the year' },
    { key: 'veto_falsified', textZh: '自评或上报材料弄虚作假', textEn: 'Falsified self-assessment or reported material' },
  ],
  settings: DEFAULT_RUBRIC_SETTINGS,
};
