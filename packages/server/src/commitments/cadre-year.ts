import { isCadrePosition, isoToday, reportYearOpen } from '@zx/domain';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess } from '../access/index.ts';
import { conflict, notFound, validationFailed } from '../http/errors.ts';
import { commitmentRepository as repo } from './repository.ts';
import { commitmentPolicy, notYours, type OwnMember } from './policy.ts';

/** A cadre's year and who may read or write it: what every flow of the commitments starts from. */

const CADRE = { zh: '团干部的承诺', en: "Cadre's commitments" };

export type PlanRow = NonNullable<Awaited<ReturnType<typeof repo.plan>>>;
type MemberRow = NonNullable<Awaited<ReturnType<typeof repo.member>>>;

/** A cadre's year: the member, their plan if any, and the organization the commitments belong to. */
export interface CadreYear {
  member: MemberRow;
  year: number;
  plan: PlanRow | null;
  org: { id: number; path: string; name: string };
}

export async function cadreYear(ex: Executor, memberId: number, year: number): Promise<CadreYear | null> {
  const member = await repo.member(ex, memberId);
  if (!member) return null;
  const plan = (await repo.plan(ex, memberId, year)) ?? null;
  // Without a plan, only a serving cadre has a page: commitments start with a position.
  if (!plan && (member.status !== 'active' || !isCadrePosition(member.position))) return null;
  const org = plan ? { id: plan.org_id, path: plan.org_path, name: plan.org_name } : { id: member.org_id, path: member.org_path, name: member.org_name };
  return { member, year, plan, org };
}

/** The actor's own member (where it belongs, whether it is active), or null. */
export async function ownMember(ex: Executor, actor: Actor): Promise<(MemberRow & OwnMember) | null> {
  return actor.memberId ? ((await repo.member(ex, actor.memberId)) ?? null) : null;
}

/**
 * A cadre's year the actor may read: the cadre is within reach (the `cadre` kind: 403 / 404) and
 * the organization the year's commitments belong to is one the actor reads (policy.ts), else 404.
 */
export async function readable(ex: Executor, actor: Actor, memberId: number, year: number): Promise<CadreYear & { write: boolean }> {
  await requireAccess(ex, actor, 'commitment.read', 'cadre', memberId);
  const cy = await cadreYear(ex, memberId, year);
  if (!cy || !commitmentPolicy.read(actor, cy.org, await ownMember(ex, actor))) throw notFound(CADRE);
  return { ...cy, write: commitmentPolicy.write(actor, { memberId: cy.member.id }, cy.org) };
}

/**
 * Write access: 403 without the action, 404 for a cadre out of reach (the member role reaches only
 * its own member), 403 COMMITMENT_NOT_YOURS for someone else's commitments in scope.
 */
export async function writable(ex: Executor, actor: Actor, memberId: number, year: number): Promise<CadreYear> {
  await requireAccess(ex, actor, 'commitment.write', 'cadre', memberId);
  const cy = await cadreYear(ex, memberId, year);
  if (!cy) throw notFound(CADRE);
  if (!commitmentPolicy.write(actor, { memberId: cy.member.id }, cy.org)) throw notYours();
  return cy;
}

export const onBehalf = (actor: Actor, cy: CadreYear) => actor.memberId !== cy.member.id;

export function yearClosed(field: string, year: number, what: 'commitments' | 'report') {
  return validationFailed([
    {
      field,
      code: what === 'commitments' ? 'COMMITMENT_YEAR_CLOSED' : 'REPORT_YEAR_CLOSED',
      message:
        what === 'commitments'
          ? { zh: `${year} 年的承诺已不能再修改（可为今年或明年作出承诺）`, en: `Commitments for ${year} can no longer be changed (this year or next only)` }
          : { zh: `${year} 年的述职报告已不能再填写（可填写今年或去年的）`, en: `The report for ${year} can no longer be written (this year or last only)` },
    },
  ]);
}

const reportSubmitted = () =>
  conflict('REPORT_ALREADY_SUBMITTED', '述职报告已提交，不能再修改', 'The year-end report was submitted and can no longer be changed');

export async function ensurePlan(trx: Executor, actor: Actor, cy: CadreYear): Promise<PlanRow> {
  if (cy.plan) return cy.plan;
  const at = nowIso();
  await repo.insertPlan(trx, { member_id: cy.member.id, org_id: cy.org.id, year: cy.year, created_at: at, created_by: actor.userId, updated_at: at });
  return (await repo.plan(trx, cy.member.id, cy.year))!;
}

/** Refuses changes to the commitments once the year's report is submitted (it reports on them). */
export async function assertReportOpen(trx: Executor, plan: PlanRow | null) {
  if (!plan) return;
  const r = await repo.report(trx, plan.id);
  if (r?.status === 'submitted') throw reportSubmitted();
}

/** The item, its plan, and write access to them (404 out of reach, as for a missing item; 403 for someone else's in scope). */
export async function itemForWrite(trx: Executor, actor: Actor, id: number) {
  const item = await requireAccess(trx, actor, 'commitment.write', 'commitmentItem', id);
  const plan = (await repo.planById(trx, item.plan_id))!;
  const cy = await writable(trx, actor, plan.member_id, plan.year);
  return { item, plan, cy };
}

export const frozen = () =>
  conflict('COMMITMENT_FROZEN', '已公开的承诺不能修改或删除，请提交修订', 'A published commitment is frozen; submit a revision instead');

export async function reportablePlan(trx: Executor, cy: CadreYear, year: number): Promise<PlanRow> {
  if (!reportYearOpen(year, isoToday())) throw yearClosed('year', year, 'report');
  if (!cy.plan || cy.plan.version === 0) {
    throw conflict('COMMITMENTS_NOT_PUBLISHED', '请先公开承诺，再填写述职报告', 'Publish the commitments before writing the report');
  }
  await assertReportOpen(trx, cy.plan);
  return cy.plan;
}
