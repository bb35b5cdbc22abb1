import type { Actor } from '../auth/actor.ts';
import { AppError } from '../http/errors.ts';
import { can, covers, isOwnOrg } from '../access/index.ts';

/** Who may do what to a notice (the notice is already in the actor's scope). */
export const noticePolicy = {
  /** Write, change, delete or send: notice.write over the sending unit (the unit itself or a level above). */
  write: (actor: Actor, n: { orgPath: string }) => can(actor, 'notice.write') && covers(actor, n.orgPath),

  /**
   * Names of members who have not yet acknowledged are shown only to the cadres of the members'
   * own unit (a branch's secretary for their branch): the levels above see counts.
   */
  seesNamesOf: (actor: Actor, org: { path: string }) => can(actor, 'notice.read') && isOwnOrg(actor, org.path),
};

export const noticeSent = () =>
  new AppError(409, 'NOTICE_ALREADY_SENT', {
    zh: '通知已发送，内容不能再修改；如需更正请另发一条通知',
    en: 'The notice has been sent and its content is frozen; send a new notice to correct it',
  });
export const notAMember = () =>
  new AppError(403, 'NOT_A_MEMBER_ACCOUNT', {
    zh: '当前账号未关联团员，无法查看本人通知或填写承诺',
    en: 'This account is not linked to a League member: it has no notices or pledge of its own',
  });
