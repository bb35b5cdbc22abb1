import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MEMBER_STATUSES, POSITIONS } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { attachment, idParam, pageQuery, trimmed, XLSX_MIME } from '../http/schemas.ts';
import { memberService } from './service.ts';
import { exportMembers, memberImportTemplate, startMemberImport } from './excel.ts';
import { access } from '../access/guard.ts';
import { binary } from '@zx/contract/common';
import { job } from '@zx/contract/jobs';
import { member, memberDetail, memberPage } from '@zx/contract/members';
import { revealed } from '@zx/contract/orgs';

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();
const memberFields = {
  name: trimmed(1, 30),
  idCard: trimmed(1, 30),
  phone: optionalText(30),
  gender: z.enum(['male', 'female', '男', '女']).nullable().optional(),
  birthDate: optionalText(20),
  joinedOn: optionalText(20),
  position: optionalText(20),
  /** When the current position was taken up (任职时间): 述职评议 exempts cadres under 3 months in post. */
  positionSince: optionalText(20),
  note: optionalText(500),
};
const statusCodes = MEMBER_STATUSES.map((s) => s.code) as [string, ...string[]];
const positionCodes: [string, ...string[]] = ['cadre', ...POSITIONS.map((p) => p.code)];
const tags = ['团员 Members'];

export const memberRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/',
      {
        config: access('member.read', { query: { orgId: 'org' } }),
        schema: {
          tags,
          summary: '团员名册 Roster (masked)',
          querystring: z.object({
            orgId: z.coerce.number().int().positive().optional(),
            subtree: z.enum(['0', '1']).default('0'),
            q: z.string().trim().max(40).optional(),
            status: z.enum(statusCodes).optional(),
            position: z.enum(positionCodes).optional(),
            gender: z.enum(['male', 'female']).optional(),
            ...pageQuery,
          }),
          response: { 200: memberPage },
        },
      },
      async (req) => {
        const { page, pageSize, sort, order, subtree, ...f } = req.query;
        return memberService.list(ctx, requireActor(req), { ...f, subtree: subtree === '1' }, { page, pageSize, sort, order });
      },
    );

    app.get(
      '/import-template',
      { config: access('member.write'), schema: { tags, summary: '团员导入模板 Import template (.xlsx)', response: { 200: binary(XLSX_MIME) } } },
      async (req, reply) => {
        requireActor(req);
        return reply
          .type(XLSX_MIME)
          .header('content-disposition', attachment('团员名册导入模板.xlsx'))
          .send(await memberImportTemplate());
      },
    );

    app.post(
      '/import',
      {
        config: access('member.write', { query: { orgId: 'org' } }),
        schema: { tags, summary: '上传团员名册并预检 Upload and preview a roster import', consumes: ['multipart/form-data'], response: { 202: job } },
      },
      async (req, reply) => reply.status(202).send(await startMemberImport(ctx, requireActor(req), req)),
    );

    app.get(
      '/export',
      {
        config: access('member.read', { query: { orgId: 'org' } }),
        schema: {
          tags,
          summary: '导出团员名册 Export (.xlsx; full=1 needs member.reveal, audited)',
          querystring: z.object({
            orgId: z.coerce.number().int().positive().optional(),
            subtree: z.enum(['0', '1']).default('1'),
            full: z.enum(['0', '1']).default('0'),
          }),
          response: { 200: binary(XLSX_MIME) },
        },
      },
      async (req, reply) => {
        const { filename, stream } = await exportMembers(ctx, requireActor(req), {
          orgId: req.query.orgId,
          subtree: req.query.subtree === '1',
          full: req.query.full === '1',
        });
        return reply.type(XLSX_MIME).header('content-disposition', attachment(filename)).send(stream);
      },
    );

    app.get(
      '/:id',
      {
        config: access('member.read', { params: { id: 'member' } }),
        schema: { tags, summary: '团员详情 Member detail', params: idParam, response: { 200: memberDetail } },
      },
      async (req) => memberService.get(ctx, requireActor(req), req.params.id),
    );

    app.post(
      '/',
      {
        config: access('member.write', { body: { orgId: 'org' } }),
        schema: {
          tags,
          summary: '新增团员 Add a member',
          body: z.object({ orgId: z.number().int().positive(), ...memberFields }),
          response: { 201: memberDetail },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const { orgId, ...input } = req.body;
        const id = await memberService.create(ctx, actor, orgId, input);
        return reply.status(201).send(await memberService.get(ctx, actor, id));
      },
    );

    app.patch(
      '/:id',
      {
        config: access('member.write', { params: { id: 'member' } }),
        schema: {
          tags,
          summary: '修改团员信息 Edit',
          params: idParam,
          body: z.object({ ...memberFields, status: z.enum(statusCodes) }).partial(),
          response: { 200: memberDetail },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        await memberService.update(ctx, actor, req.params.id, req.body as never);
        return memberService.get(ctx, actor, req.params.id);
      },
    );

    app.post(
      '/:id/reveal',
      {
        config: access('member.reveal', { params: { id: 'member' } }),
        schema: {
          tags,
          summary: '查看完整身份证号或手机号（留痕）Reveal (audited)',
          params: idParam,
          body: z.object({ field: z.enum(['idCard', 'phone']) }),
          response: { 200: revealed },
        },
      },
      async (req) => ({ value: await memberService.reveal(ctx, requireActor(req), req.params.id, req.body.field) }),
    );

    app.post(
      '/:id/transfer',
      {
        config: access('member.write', { params: { id: 'member' }, body: { toOrgId: 'org' } }),
        schema: {
          tags,
          summary: '组织关系转接 Transfer to another organization',
          params: idParam,
          body: z.object({ toOrgId: z.number().int().positive(), reason: trimmed(1, 200) }),
          response: { 200: memberDetail },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        await memberService.transfer(ctx, actor, req.params.id, req.body.toOrgId, req.body.reason);
        return memberService.get(ctx, actor, req.params.id);
      },
    );
  };

export const meRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/profile',
      { config: access('self.read'), schema: { tags: ['我的 Me'], summary: '我的团员信息 My member record', response: { 200: member } } },
      async (req) => memberService.myProfile(ctx, requireActor(req)),
    );
  };
