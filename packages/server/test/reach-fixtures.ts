import { nowIso } from '../src/db/database.ts';
import type { TestApp } from './setup.ts';
import { createMember, type OrgRef } from './factories.ts';

/** A notice written directly at `org` in `campaignId`: a draft, or sent with one recipient member of `org`. */
export async function insertNotice(t: TestApp, campaignId: number, org: OrgRef, status: 'draft' | 'sent', attachmentIds: number[] = []) {
  const at = nowIso();
  const { id } = await t.ctx.db
    .insertInto('notice')
    .values({
      campaign_id: campaignId,
      org_id: org.id,
      org_path: org.path,
      title: `${org.name}的通知`,
      body: '正文',
      attachment_ids: JSON.stringify(attachmentIds),
      target_org_ids: null,
      quiz: null,
      has_quiz: 0,
      max_attempts: null,
      due_on: null,
      status,
      recipient_count: status === 'sent' ? 1 : 0,
      sent_at: status === 'sent' ? at : null,
      sent_by: null,
      created_at: at,
      created_by: null,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (status === 'sent') {
    const m = await createMember(t.ctx, org, { name: '收件团员' });
    await t.ctx.db.insertInto('notice_recipient').values({ notice_id: id, member_id: m.id, org_id: org.id }).execute();
  }
  return Number(id);
}
