import type { MyRecord } from '@zx/contract/home';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import { recordRepository as repo } from './repository.ts';

/**
 * A member's own record. Volunteer hours are the verified service of each year (the view
 * volunteer_year_hours over the service log): `volunteer.source` says so.
 */
export async function memberRecord(ex: Executor, memberId: number): Promise<MyRecord | null> {
  const m = await repo.member(ex, memberId);
  if (!m) return null;
  const [activities, activityCount, grades, honours, hours] = await Promise.all([
    repo.activities(ex, memberId, 100),
    repo.activityCount(ex, memberId),
    repo.grades(ex, memberId),
    repo.honours(ex, memberId),
    repo.volunteerHours(ex, memberId),
  ]);
  const years = hours.map((h) => ({ year: h.year, hours: h.hours_tenths / 10 }));
  return {
    memberId: m.id,
    name: m.name,
    orgName: m.org_name,
    activities: activities.map((a) => ({
      id: a.id,
      title: a.title,
      heldOn: a.held_on,
      type: a.type,
      orgName: a.org_name,
      campaignId: a.campaign_id,
      campaignName: a.campaign_name,
    })),
    activityCount,
    // A re-evaluation (不合格 → re-evaluated) replaces the year's grade.
    evaluations: grades.map((g) => ({ year: g.year, grade: g.reevaluation_grade ?? g.final_grade!, orgName: g.org_name })),
    honours: honours.map((h) => ({ kind: h.kind, year: h.year, awardedOn: h.awarded_on, issuerOrgName: h.issuer_org_name, certificateNo: h.certificate_no })),
    volunteer: years.length ? { source: 'verified_service', years, total: years.reduce((n, y) => n + y.hours, 0) } : null,
    generatedAt: nowIso(),
  };
}
