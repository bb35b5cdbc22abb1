/** Validation of a rubric, one problem per field. */
import { fieldError, type FieldError } from '../common/messages.ts';
import { type Rubric, type RubricSettings, TIER_CODES, TIER_NAMES, TIER_RANK, TITLE_CODES, TITLE_NAMES, rubricMax } from './rubric-model.ts';

const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const blank = (s: string | undefined) => !s?.trim();

/** Problems with a rubric, one per field ('dimensions.1.items.0.points', 'settings.bands.star4'). */
export function validateRubric(r: Rubric, orgTypes: string[] = []): FieldError[] {
  const errors: FieldError[] = [];
  const e = (field: string, code: string, zh: string, en: string) => errors.push(fieldError(field, code, zh, en));
  if (blank(r.nameZh)) e('nameZh', 'RUBRIC_NAME_REQUIRED', '请填写考评标准名称', 'Enter the rubric name');
  if (blank(r.nameEn)) e('nameEn', 'RUBRIC_NAME_REQUIRED', '请填写英文名称', 'Enter the English name');
  if (!r.dimensions.length) e('dimensions', 'RUBRIC_NO_DIMENSIONS', '至少需要一个考评维度', 'Add at least one dimension');
  const keys = new Set<string>();
  const uniqueKey = (key: string, field: string) => {
    if (!KEY.test(key))
      e(field, 'RUBRIC_KEY_FORMAT', '编码须以小写字母开头，只含小写字母、数字和下划线', 'Keys start with a lowercase letter and hold only a–z, 0–9 and _');
    else if (keys.has(key)) e(field, 'RUBRIC_KEY_DUPLICATE', `编码「${key}」重复`, `Key "${key}" is used twice`);
    keys.add(key);
  };
  r.dimensions.forEach((d, di) => {
    uniqueKey(d.key, `dimensions.${di}.key`);
    if (blank(d.nameZh)) e(`dimensions.${di}.nameZh`, 'RUBRIC_NAME_REQUIRED', '请填写维度名称', 'Enter the dimension name');
    if (!d.items.length) e(`dimensions.${di}.items`, 'RUBRIC_NO_ITEMS', '每个维度至少需要一个考评项', 'Each dimension needs at least one item');
    d.items.forEach((i, ii) => {
      const f = `dimensions.${di}.items.${ii}`;
      uniqueKey(i.key, `${f}.key`);
      if (blank(i.textZh)) e(`${f}.textZh`, 'RUBRIC_ITEM_TEXT_REQUIRED', '请填写考评内容', 'Enter what the item asks');
      if (!Number.isFinite(i.points) || i.points <= 0 || Math.round(i.points * 2) !== i.points * 2) {
        e(`${f}.points`, 'RUBRIC_POINTS_INVALID', '分值须为大于 0 的数，最小单位 0.5 分', 'Points must be above 0, in steps of 0.5');
      }
    });
  });
  r.vetoes.forEach((v, vi) => {
    uniqueKey(v.key, `vetoes.${vi}.key`);
    if (blank(v.textZh)) e(`vetoes.${vi}.textZh`, 'RUBRIC_ITEM_TEXT_REQUIRED', '请填写一票否决内容', 'Enter what the veto item asks');
  });
  const s = r.settings;
  if (!Number.isFinite(s.totalPoints) || s.totalPoints <= 0) e('settings.totalPoints', 'RUBRIC_TOTAL_INVALID', '满分须大于 0', 'Full marks must be above 0');
  else if (r.dimensions.length && !errors.some((x) => x.code === 'RUBRIC_POINTS_INVALID') && rubricMax(r) !== s.totalPoints) {
    e(
      'settings.totalPoints',
      'RUBRIC_POINTS_SUM',
      `各考评项分值合计 ${rubricMax(r)} 分，应等于满分 ${s.totalPoints} 分`,
      `The items add up to ${rubricMax(r)} points; they must add up to ${s.totalPoints}`,
    );
  }
  const order: Array<keyof RubricSettings['bands']> = ['star5', 'star4', 'star3', 'lagging'];
  order.forEach((k, i) => {
    const v = s.bands[k];
    const field = `settings.bands.${k}`;
    if (!Number.isFinite(v) || v <= 0 || v > s.totalPoints) {
      e(field, 'RUBRIC_BAND_RANGE', `分数线须在 0 到满分 ${s.totalPoints} 之间`, `A band's lowest score must lie between 0 and ${s.totalPoints}`);
    } else if (i > 0 && Number.isFinite(s.bands[order[i - 1]]) && v >= s.bands[order[i - 1]]) {
      e(
        field,
        'RUBRIC_BANDS_ORDER',
        `${TIER_NAMES[k].zh}分数线须低于${TIER_NAMES[order[i - 1]].zh}（${s.bands[order[i - 1]]} 分）`,
        `The ${TIER_NAMES[k].en} band must start below ${TIER_NAMES[order[i - 1]].en} (${s.bands[order[i - 1]]})`,
      );
    }
  });
  if (!Number.isInteger(s.minAgeMonths) || s.minAgeMonths < 0 || s.minAgeMonths > 120)
    e('settings.minAgeMonths', 'RUBRIC_AGE_INVALID', '参评最短成立月数须为 0–120 的整数', 'The minimum age must be a whole number of months from 0 to 120');
  if (!Number.isInteger(s.topTierMinAgeMonths) || s.topTierMinAgeMonths < s.minAgeMonths || s.topTierMinAgeMonths > 120) {
    e(
      'settings.topTierMinAgeMonths',
      'RUBRIC_AGE_INVALID',
      '四星、五星最短成立月数须为整数，且不少于参评最短月数',
      "The top tiers' minimum age must be a whole number of months, at least the minimum age",
    );
  }
  if (s.unknownFoundedOn !== 'eligible' && s.unknownFoundedOn !== 'ineligible')
    e('settings.unknownFoundedOn', 'RUBRIC_SETTING_INVALID', '请选择未登记成立日期时的处理方式', 'Choose how an unknown founding date is treated');
  const capped = new Set<string>();
  s.caps.forEach((c, i) => {
    if (c.tier !== 'star5' && c.tier !== 'star4')
      e(`settings.caps.${i}.tier`, 'RUBRIC_CAP_TIER', '比例上限只能用于五星或四星', 'Caps apply to 5 or 4 stars only');
    else if (capped.has(c.tier)) e(`settings.caps.${i}.tier`, 'RUBRIC_CAP_DUPLICATE', '同一档次只能设一个比例上限', 'One cap per tier');
    capped.add(c.tier);
    if (!Number.isFinite(c.maxPercent) || c.maxPercent <= 0 || c.maxPercent > 100)
      e(`settings.caps.${i}.maxPercent`, 'RUBRIC_CAP_RANGE', '比例上限须在 1%–100% 之间', 'A cap must lie between 1 % and 100 %');
  });
  s.generalBranchTypes.forEach((t, i) => {
    if (orgTypes.length && !orgTypes.includes(t))
      e(`settings.generalBranchTypes.${i}`, 'ORG_TYPE_UNKNOWN', `组织类型「${t}」不存在`, `Unknown organization type "${t}"`);
  });
  let last = 0;
  for (const t of TITLE_CODES) {
    const m = s.ladder.minTier[t];
    if (!TIER_CODES.includes(m)) {
      e(`settings.ladder.minTier.${t}`, 'RUBRIC_SETTING_INVALID', '请选择称号所需档次', 'Choose the tier the title needs');
      continue;
    }
    if (TIER_RANK[m] < last)
      e(
        `settings.ladder.minTier.${t}`,
        'RUBRIC_LADDER_ORDER',
        `${TITLE_NAMES[t].zh}所需档次不能低于下一级称号`,
        `${TITLE_NAMES[t].en} cannot need a lower tier than the title below it`,
      );
    last = Math.max(last, TIER_RANK[m]);
  }
  return errors;
}
