import { reportSummary, type CadreReportView, type CommitmentOutcome } from '@zx/domain';
import type { Executor } from '../db/database.ts';
import { presentAttachments } from '../attachments/service.ts';
import { commitmentRepository as repo } from './repository.ts';
import { cadreYear, type CadreYear } from './cadre-year.ts';

/** What the commitments answer: items, the cadre, the year-end report with its evidence. */

type ItemRow = Awaited<ReturnType<typeof repo.items>>[number];
export const presentItem = (i: ItemRow) => ({
  id: i.id,
  seq: i.seq,
  text: i.text,
  category: i.category,
  dueOn: i.due_on,
  state: i.state,
  revisesId: i.revises_id,
  version: i.version,
  updatedAt: i.updated_at,
});
export const presentCadre = (cy: CadreYear) => ({
  memberId: cy.member.id,
  name: cy.member.name,
  position: cy.member.position,
  active: cy.member.status === 'active',
  orgId: cy.org.id,
  orgName: cy.org.name,
});

const fileUrl = (memberId: number, year: number, id: number, thumb = false) =>
  `/api/v1/commitments/cadres/${memberId}/${year}/report/files/${id}${thumb ? '?thumb=1' : ''}`;

export async function presentReport(ex: Executor, cy: CadreYear, report: NonNullable<Awaited<ReturnType<typeof repo.report>>>): Promise<CadreReportView> {
  const published = await repo.items(ex, cy.plan!.id, ['published']);
  const byItem = new Map((await repo.reportItems(ex, report.id)).map((r) => [r.item_id, r]));
  // Only evidence the report can legitimately hold — activities and files of the cadre's
  // organization or a unit below it — is shown, whatever ids were stored.
  const activityIds = [...new Set([...byItem.values()].flatMap((r) => r.activity_ids))];
  const held = await repo.activitiesIn(ex, cy.org.path, activityIds);
  const activities = new Map(
    (
      await repo.activities(
        ex,
        activityIds.filter((id) => held.has(id)),
      )
    ).map((a) => [a.id, a]),
  );
  const fileIds = [...new Set([...byItem.values()].flatMap((r) => r.attachment_ids))];
  const files = await repo.filesIn(ex, cy.org.path, fileIds);
  const items: CadreReportView['items'] = [];
  for (const c of published) {
    const r = byItem.get(c.id);
    const aIds = r ? r.activity_ids : [];
    const itemFiles = r
      ? await presentAttachments(
          ex,
          r.attachment_ids.filter((id) => files.has(id)),
        )
      : [];
    items.push({
      commitmentId: c.id,
      text: c.text,
      category: c.category,
      dueOn: c.due_on,
      status: (r?.status ?? null) as CommitmentOutcome | null,
      note: r?.note ?? null,
      activities: aIds.flatMap((id) => {
        const a = activities.get(id);
        return a ? [{ id: a.id, title: a.title, heldOn: a.held_on, type: a.type }] : [];
      }),
      attachments: itemFiles.map((f) => ({
        id: f.id,
        name: f.name,
        mime: f.mime,
        size: f.size,
        kind: f.kind as 'file' | 'photo',
        url: fileUrl(cy.member.id, cy.year, f.id),
        thumbUrl: f.thumbUrl ? fileUrl(cy.member.id, cy.year, f.id, true) : null,
      })),
    });
  }
  return {
    id: report.id,
    memberId: cy.member.id,
    cadreName: cy.member.name,
    position: cy.member.position,
    orgId: cy.org.id,
    orgName: cy.org.name,
    year: cy.year,
    status: report.status,
    content: report.content,
    submittedAt: report.submitted_at,
    readCount: await repo.readCount(ex, report.id),
    summary: reportSummary(items),
    items,
  };
}

/**
 * A cadre's SUBMITTED year-end report, or null. No access check: the caller (e.g. a rating
 * session showing the report to its voters) has decided the reader may see it.
 */
export async function cadreReportOf(ex: Executor, memberId: number, year: number): Promise<CadreReportView | null> {
  const cy = await cadreYear(ex, memberId, year);
  if (!cy?.plan) return null;
  const report = await repo.report(ex, cy.plan.id);
  return report?.status === 'submitted' ? presentReport(ex, cy, report) : null;
}

/** The report status of each cadre's year (one query): 'none', 'draft' or 'submitted'. */
export async function cadreReportStatus(ex: Executor, memberIds: number[], year: number): Promise<Map<number, 'none' | 'draft' | 'submitted'>> {
  const out = new Map<number, 'none' | 'draft' | 'submitted'>(memberIds.map((id) => [id, 'none']));
  if (!memberIds.length) return out;
  const rows = await repo.reportStatuses(ex, memberIds, year);
  for (const r of rows) out.set(r.member_id, r.status);
  return out;
}
