import type { BulletinBody, ScoreWeights } from './bulletin.ts';

/**
 * A bulletin as a list of typeset blocks in GB/T 9704-2012 order (版头: 发文机关标志, 发文字号,
 * red separator; 主体: 标题, 主送机关, 正文 with 黑体 level-1 headings, 落款). The .docx and the PDF
 * renderers on the server and the preview in the web app all draw these blocks, so the two
 * downloads and the screen always say the same thing.
 */
export type BulletinBlock =
  | { kind: 'issuer'; text: string }
  | { kind: 'number'; text: string }
  | { kind: 'rule' }
  | { kind: 'title'; text: string }
  | { kind: 'addressee'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  /** widths in percent of the text block; `left` = columns aligned left (names), others centred. */
  | { kind: 'table'; header: string[]; rows: string[][]; widths: number[]; left: number[] }
  | { kind: 'signature'; lines: string[] };

export interface BulletinDocumentInput {
  title: string;
  number: string | null;
  body: BulletinBody;
  weights: ScoreWeights;
}

const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

export function scoreFormulaSentence(w: ScoreWeights): string {
  const p = (x: number) => `${Math.round(x * 1000) / 10}%`;
  return `完成度得分按任务完成率（权重${p(w.tasks)}）、实施方案审核通过率（权重${p(w.plans)}）、团员参与率（权重${p(w.participation)}）和活动开展情况（权重${p(w.activities)}，平均每个单位开展${w.activityTarget}场活动计满分）加权计算，满分100分；不适用的指标不计入，其余指标按权重折算。`;
}

export function bulletinBlocks(d: BulletinDocumentInput): BulletinBlock[] {
  const b = d.body;
  const blocks: BulletinBlock[] = [{ kind: 'issuer', text: b.issuer }];
  if (d.number) blocks.push({ kind: 'number', text: d.number });
  blocks.push({ kind: 'rule' }, { kind: 'title', text: d.title });
  if (b.addressee.trim()) blocks.push({ kind: 'addressee', text: b.addressee });
  if (b.opening.trim()) blocks.push({ kind: 'paragraph', text: b.opening });

  let section = 0;
  const heading = (text: string) => blocks.push({ kind: 'heading', text: `${CN_NUM[section++]}、${text}` });

  heading('总体情况');
  if (b.overviewText.trim()) blocks.push({ kind: 'paragraph', text: b.overviewText });
  const tasks = b.overview.tasks.filter((t) => t.required > 0);
  if (tasks.length) {
    blocks.push({
      kind: 'table',
      header: ['任务', '应完成', '已完成', '完成率'],
      widths: [55, 15, 15, 15],
      left: [0],
      rows: tasks.map((t) => [t.nameZh, String(t.required), String(t.done), pct(t.rate)]),
    });
  }

  if (b.ranking.length) {
    heading('各单位完成情况排名');
    blocks.push({ kind: 'paragraph', text: scoreFormulaSentence(d.weights) });
    blocks.push({
      kind: 'table',
      header: ['排名', '单位', '第一责任人', '得分', '任务完成', '方案通过', '参与率', '知晓率', '活动'],
      widths: [7, 21, 13, 8, 11, 11, 10, 10, 9],
      left: [1],
      rows: b.ranking.map((r) => [
        r.rank === null ? '—' : String(r.rank),
        r.name,
        r.responsiblePerson ?? '',
        r.score === null ? '—' : r.score.toFixed(1),
        `${r.tasksDone}/${r.tasksRequired}`,
        `${r.plansApproved}/${r.plansRequired}`,
        pct(r.participationRate),
        r.awarenessRate === undefined ? '—' : pct(r.awarenessRate),
        String(r.activities),
      ]),
    });
  }

  const highlights = b.highlights.filter((h) => h.included);
  if (highlights.length) {
    heading('工作亮点');
    highlights.forEach((h, i) => {
      const [y, m, dd] = h.heldOn.split('-').map(Number);
      blocks.push({ kind: 'paragraph', text: `（${CN_NUM[i] ?? i + 1}）${h.orgName}于${y}年${m}月${dd}日开展“${h.title}”${h.typeNameZh}活动。${h.excerpt}` });
    });
  }

  heading('进度滞后单位');
  if (b.lagging.length) {
    blocks.push({ kind: 'paragraph', text: '以下单位有逾期未完成的任务，予以通报，请对照要求抓紧整改：' });
    b.lagging.forEach((u, i) => {
      const who = [u.parentName ? `所属${u.parentName}` : '', u.responsiblePerson ? `第一责任人：${u.responsiblePerson}` : '第一责任人：未填报']
        .filter(Boolean)
        .join('，');
      blocks.push({ kind: 'paragraph', text: `${i + 1}．${u.name}（${who}）：逾期未完成${u.overdueTasks.map((t) => `“${t.nameZh}”`).join('、')}。` });
    });
  } else {
    blocks.push({ kind: 'paragraph', text: '本期各单位均按时间节点推进，无逾期未完成任务的单位。' });
  }

  const requirements = b.requirements.filter((r) => r.trim());
  if (requirements.length) {
    heading('工作要求');
    for (const r of requirements) blocks.push({ kind: 'paragraph', text: r });
  }
  if (b.closing.trim()) blocks.push({ kind: 'paragraph', text: b.closing });
  blocks.push({ kind: 'signature', lines: [b.signature, b.dateLine].filter((s) => s.trim()) });
  return blocks;
}
