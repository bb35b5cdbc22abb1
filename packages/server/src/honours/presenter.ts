import { honourSubject, type HonourKind } from '@zx/domain';
import type { SubjectCheck } from './eligibility.ts';
import type { AwardRow, CandidateRow, ObjectionRow } from './repository.ts';

/** What the honours pages show of the rows (honours/rounds.ts, candidates.ts, awards.ts). */

/** The public (the notice) sees who and what; the rule values and the recommendation note only those who run or recommend. */
export function presentCandidate(c: CandidateRow, opts: { objections?: number; details: boolean }) {
  return {
    id: c.id,
    kind: c.kind as HonourKind,
    subjectKey: c.subject_key,
    subject: honourSubject(c.kind as HonourKind),
    name: c.subject_name,
    orgId: c.org_id,
    orgName: c.org_name,
    memberId: c.member_id,
    status: c.status,
    recommenderOrgId: c.recommender_org_id,
    recommenderOrgName: c.recommender_org_name,
    note: opts.details ? c.note : null,
    checks: opts.details ? c.checks : [],
    objectionCount: opts.objections ?? null,
    updatedAt: c.updated_at,
  };
}

export const presentSubject = (s: SubjectCheck) => ({
  subjectKey: s.subjectKey,
  kind: s.kind,
  orgId: s.orgId,
  orgName: s.orgName,
  memberId: s.memberId,
  name: s.name,
  position: s.position,
  eligible: s.eligible,
  checks: s.checks,
});

/** An objection as the round's managers see it (real-name: who raised it and how to reach them). */
export const presentObjection = (o: ObjectionRow & { objector_org_name: string }) => ({
  ...presentMyObjection(o),
  contact: o.contact,
  objectorName: o.objector_name,
  objectorOrgName: o.objector_org_name,
});

/** An objection as the objector sees their own. */
export const presentMyObjection = (o: ObjectionRow) => ({
  id: o.id,
  candidateId: o.candidate_id,
  candidateName: o.subject_name,
  kind: o.kind as HonourKind,
  reason: o.reason,
  status: o.status,
  reply: o.reply,
  handledAt: o.handled_at,
  createdAt: o.created_at,
});

export const certificateUrl = (awardId: number) => `/api/v1/honours/awards/${awardId}/certificate.pdf`;

/** A name on the final list; the certificate link only for those who may download it. */
export const presentRoundAward = (a: AwardRow, mayDownload: boolean) => ({
  id: a.id,
  candidateId: a.candidate_id,
  kind: a.kind as HonourKind,
  name: a.subject_name,
  certificateNo: a.certificate_no,
  awardedOn: a.awarded_on,
  certificateUrl: mayDownload ? certificateUrl(a.id) : null,
});
