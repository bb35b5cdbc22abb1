import { measureOverdue, type BenchmarkDimension } from '@zx/domain';
import type { Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { presentAttachments } from '../attachments/service.ts';
import { campaignRepository } from '../campaigns/repository.ts';
import type { Measure } from '@zx/contract/benchmarking';
import { benchmarkRepository as repo, type MeasureRecord } from './repository.ts';
import { benchmarkPolicy as policy } from './policy.ts';
import { standardOf } from './footing.ts';

/** Measures as the API shows them: dimension names from their campaign's standard, evidence, comments, what the actor may do. */
export async function presentMeasures(ex: Executor, actor: Actor, rows: MeasureRecord[], today: string): Promise<Measure[]> {
  const comments = await repo.comments(
    ex,
    rows.map((r) => r.id),
  );
  const activities = await repo.activities(
    ex,
    rows.flatMap((r) => (r.evidence_activity_id ? [r.evidence_activity_id] : [])),
  );
  const standards = new Map<number, BenchmarkDimension[]>();
  for (const cid of new Set(rows.map((r) => r.campaign_id))) {
    const c = await campaignRepository.byId(ex, cid);
    if (c) standards.set(cid, await standardOf(ex, c.definition));
  }
  return Promise.all(
    rows.map(async (r) => {
      const dim = standards.get(r.campaign_id)?.find((d) => d.key === r.dimension_key);
      const act = r.evidence_activity_id ? activities.get(r.evidence_activity_id) : null;
      const unit = { path: r.org_path };
      const canWrite = policy.write(actor, unit);
      const above = policy.supervise(actor, unit);
      return {
        id: r.id,
        benchmarkId: r.benchmark_id,
        campaignId: r.campaign_id,
        orgId: r.org_id,
        orgName: r.org_name,
        dimensionKey: r.dimension_key,
        dimensionNameZh: dim?.nameZh ?? r.dimension_key,
        dimensionNameEn: dim?.nameEn ?? r.dimension_key,
        content: r.content,
        ownerMemberId: r.owner_member_id,
        ownerName: r.owner_name,
        dueOn: r.due_on,
        status: r.status,
        overdue: measureOverdue({ status: r.status, dueOn: r.due_on }, today),
        evidence: {
          activity: r.evidence_activity_id
            ? act
              ? { id: act.id, title: act.title, heldOn: act.held_on, deleted: false }
              : { id: r.evidence_activity_id, title: '', heldOn: '', deleted: true }
            : null,
          attachments: await presentAttachments(ex, r.evidenceAttachmentIds),
        },
        closingNote: r.closing_note,
        closedAt: r.closed_at,
        createdAt: r.created_at,
        comments: comments
          .filter((c) => c.measure_id === r.id)
          .map((c) => ({ id: c.id, authorName: c.author_name, orgName: c.org_name, body: c.body, createdAt: c.created_at })),
        canEdit: canWrite && r.status === 'open',
        canClose: canWrite && r.status === 'open',
        canComment: above,
        canReopen: above && r.status === 'closed',
      };
    }),
  );
}
