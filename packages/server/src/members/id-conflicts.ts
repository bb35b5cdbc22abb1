import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { audit } from '../audit/service.ts';
import { findAccessible } from '../access/index.ts';
import { AppError, conflict } from '../http/errors.ts';
import { memberRepository as repo } from './repository.ts';

/**
 * An ID number is on one roster only, so refusing a second registration tells the person who
 * typed it that the number is registered somewhere. Inside the actor's scope that is their own
 * business and the answer names the member. Outside it, the answer says only "another
 * organization", is audited (`member.id_card_elsewhere`, outcome denied, for the audit admin to
 * see probing) and is given at most ELSEWHERE_DAILY_CAP times a day per account: a branch
 * secretary registering a transferred member needs it a few times, an enumeration needs it
 * thousands of times. The real fix for the member is a transfer from the organization holding
 * them.
 */
export const ELSEWHERE_DAILY_CAP = 20;

class IdCardElsewhere extends Error {}

/** Throws when the ID hash is taken: 409 naming an in-scope member, or the capped "elsewhere" marker. */
export async function assertIdCardFree(ex: Executor, actor: Actor, hash: string, exceptMemberId?: number): Promise<void> {
  const existing = await repo.idCardOwner(ex, hash, exceptMemberId);
  if (!existing) return;
  const inScope = await findAccessible(ex, actor, 'member.read', 'member', existing.id);
  if (inScope) {
    throw conflict(
      'MEMBER_DUPLICATE_ID_CARD',
      `该身份证号已在名册中：${inScope.name}（${inScope.org_name}）`,
      `This ID number is already on the roster: ${inScope.name} (${inScope.org_name})`,
      [
        {
          field: 'idCard',
          code: 'MEMBER_DUPLICATE_ID_CARD',
          message: { zh: `已在名册中：${inScope.name}（${inScope.org_name}）`, en: `Already on the roster: ${inScope.name} (${inScope.org_name})` },
        },
      ],
    );
  }
  throw new IdCardElsewhere();
}

/**
 * Runs a member write; when its ID number turned out to be registered outside the actor's
 * scope, records that (outside the rolled-back transaction) and answers the capped 409 / 429.
 */
export async function withIdCardCheck<T>(ctx: AppContext, actor: Actor, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (!(e instanceof IdCardElsewhere)) throw e;
    const since = new Date(Date.now() - 86_400_000).toISOString();
    const answered = await repo.idCardElsewhereAnswers(ctx.db, actor.userId, since);
    const capped = answered >= ELSEWHERE_DAILY_CAP;
    await audit(ctx.db, actor, { action: 'member.id_card_elsewhere', targetType: 'member', outcome: 'denied', summary: { capped } });
    if (capped) {
      throw new AppError(429, 'MEMBER_ID_CHECKS_EXCEEDED', {
        zh: `今日已有 ${ELSEWHERE_DAILY_CAP} 次登记因身份证号已在其他组织而被拒绝，请明天再试或联系上级团组织`,
        en: `${ELSEWHERE_DAILY_CAP} registrations were refused today because the ID number is held elsewhere; try tomorrow or contact the level above`,
      });
    }
    throw conflict(
      'MEMBER_ID_CARD_ELSEWHERE',
      '该身份证号已登记在其他团组织，不能重复登记：请由其所在组织办理组织关系转接',
      'This ID number is registered with another organization: ask it to transfer the member',
      [
        {
          field: 'idCard',
          code: 'MEMBER_ID_CARD_ELSEWHERE',
          message: { zh: '已登记在其他团组织，请办理组织关系转接', en: 'Registered with another organization: use a transfer' },
        },
      ],
    );
  }
}
