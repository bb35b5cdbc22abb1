import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { attachment, idParam, isoDate, pageQuery, trimmed, XLSX_MIME } from '../http/schemas.ts';
import { orgService } from './service.ts';
import { orgImportTemplate, exportOrgs, startOrgImport } from './excel.ts';
import { access } from '../access/guard.ts';
import { binary } from '@zx/contract/common';
import { job } from '@zx/contract/jobs';
import { orgDetail, orgNode, orgPage, orgSearchHit, orgType, revealed } from '@zx/contract/orgs';

const orgCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, '组织编码只能包含字母、数字、下划线和连字符，最多 40 位|Code: letters, digits, _ and -, at most 40');
const nullableText = (max: number) => z.string().trim().max(max).nullable().optional();
const orgFields = {
  name: trimmed(1, 100),
  code: orgCode,
  typeCode: z.string().min(1).max(40),
  foundedOn: isoDate.nullable().optional(),
  responsiblePerson: nullableText(30),
  contactPhone: nullableText(30),
};
const tags = ['组织 Organizations'];

export const orgRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/types',
      { config: access('signedIn'), schema: { tags, summary: '组织类型列表 Organization types', response: { 200: z.array(orgType) } } },
      async (req) => {
        requireActor(req);
        return (await orgService.types(ctx)).map((t) => ({
          code: t.code,
          nameZh: t.name_zh,
          nameEn: t.name_en,
          rank: t.rank,
          holdsMembers: !!t.holds_members,
        }));
      },
    );

    app.put(
      '/types',
      {
        config: access('orgtype.write'),
        schema: {
          tags,
          summary: '修改组织类型 Replace organization types',
          body: z.object({
            types: z
              .array(
                z.object({
                  code: z.string().regex(/^[a-z_]{2,40}$/),
                  nameZh: trimmed(1, 20),
                  nameEn: trimmed(1, 60),
                  rank: z.number().int().min(1).max(1000),
                  holdsMembers: z.boolean(),
                }),
              )
              .min(1)
              .max(30),
          }),
          response: { 200: z.array(orgType) },
        },
      },
      async (req) => {
        const types = await orgService.replaceTypes(ctx, requireActor(req), req.body.types);
        return types.map((t) => ({ code: t.code, nameZh: t.name_zh, nameEn: t.name_en, rank: t.rank, holdsMembers: !!t.holds_members }));
      },
    );

    app.get(
      '/tree',
      {
        config: access('org.read', { query: { parentId: 'org' } }),
        schema: {
          tags,
          summary: '组织树（按层加载）Tree children',
          querystring: z.object({ parentId: z.coerce.number().int().positive().optional() }),
          response: { 200: z.array(orgNode) },
        },
      },
      async (req) => orgService.tree(ctx, requireActor(req), req.query.parentId),
    );

    app.get(
      '/search',
      {
        config: access('org.read'),
        schema: {
          tags,
          summary: '按名称、拼音首字母或编码搜索 Search',
          querystring: z.object({ q: trimmed(1, 50) }),
          response: { 200: z.array(orgSearchHit) },
        },
      },
      async (req) => orgService.search(ctx, requireActor(req), req.query.q),
    );

    app.get(
      '/',
      {
        config: access('org.read', { query: { rootId: 'org' } }),
        schema: {
          tags,
          summary: '组织列表 List the subtree',
          querystring: z.object({
            rootId: z.coerce.number().int().positive().optional(),
            typeCode: z.string().max(40).optional(),
            status: z.enum(['active', 'inactive', 'merged']).optional(),
            q: z.string().trim().max(50).optional(),
            ...pageQuery,
          }),
          response: { 200: orgPage },
        },
      },
      async (req) => {
        const { page, pageSize, sort, order, ...f } = req.query;
        return orgService.list(ctx, requireActor(req), f, { page, pageSize, sort, order });
      },
    );

    app.get(
      '/import-template',
      { config: access('org.structure'), schema: { tags, summary: '组织导入模板 Import template (.xlsx)', response: { 200: binary(XLSX_MIME) } } },
      async (req, reply) => {
        requireActor(req);
        const buf = await orgImportTemplate(ctx);
        return reply.type(XLSX_MIME).header('content-disposition', attachment('组织导入模板.xlsx')).send(buf);
      },
    );

    app.post(
      '/import',
      {
        config: access('org.structure', { query: { parentId: 'org' } }),
        schema: { tags, summary: '上传组织表格并预检 Upload and preview an import', consumes: ['multipart/form-data'], response: { 202: job } },
      },
      async (req, reply) => {
        const job = await startOrgImport(ctx, requireActor(req), req);
        return reply.status(202).send(job);
      },
    );

    app.get(
      '/export',
      {
        config: access('org.read', { query: { rootId: 'org' } }),
        schema: {
          tags,
          summary: '导出组织 Export the subtree (.xlsx)',
          querystring: z.object({ rootId: z.coerce.number().int().positive().optional() }),
          response: { 200: binary(XLSX_MIME) },
        },
      },
      async (req, reply) => {
        const { filename, stream } = await exportOrgs(ctx, requireActor(req), req.query.rootId);
        return reply.type(XLSX_MIME).header('content-disposition', attachment(filename)).send(stream);
      },
    );

    app.get(
      '/:id',
      {
        config: access('org.read', { params: { id: 'org' } }),
        schema: { tags, summary: '组织详情 Organization detail', params: idParam, response: { 200: orgDetail } },
      },
      async (req) => orgService.detail(ctx, requireActor(req), req.params.id),
    );

    app.post(
      '/',
      {
        config: access('org.structure', { body: { parentId: 'org' } }),
        schema: { tags, summary: '新建下级组织 Create', body: z.object({ parentId: z.number().int().positive(), ...orgFields }), response: { 201: orgDetail } },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const id = await orgService.create(ctx, actor, req.body);
        return reply.status(201).send(await orgService.detail(ctx, actor, id));
      },
    );

    app.patch(
      '/:id',
      {
        config: access('org.write', { params: { id: 'org' } }),
        schema: { tags, summary: '修改组织信息 Edit', params: idParam, body: z.object(orgFields).partial(), response: { 200: orgDetail } },
      },
      async (req) => {
        const actor = requireActor(req);
        await orgService.update(ctx, actor, req.params.id, req.body);
        return orgService.detail(ctx, actor, req.params.id);
      },
    );

    app.post(
      '/:id/move',
      {
        config: access('org.structure', { params: { id: 'org' }, body: { newParentId: 'org' } }),
        schema: {
          tags,
          summary: '移动组织（含下级）Move a subtree',
          params: idParam,
          body: z.object({ newParentId: z.number().int().positive() }),
          response: { 200: orgDetail },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        await orgService.move(ctx, actor, req.params.id, req.body.newParentId);
        return orgService.detail(ctx, actor, req.params.id);
      },
    );

    app.post(
      '/:id/deactivate',
      {
        config: access('org.structure', { params: { id: 'org' } }),
        schema: { tags, summary: '停用组织 Deactivate', params: idParam, body: z.object({ reason: trimmed(1, 200) }), response: { 200: orgDetail } },
      },
      async (req) => {
        const actor = requireActor(req);
        await orgService.setActive(ctx, actor, req.params.id, false, req.body.reason);
        return orgService.detail(ctx, actor, req.params.id);
      },
    );

    app.post(
      '/:id/reactivate',
      {
        config: access('org.structure', { params: { id: 'org' } }),
        schema: { tags, summary: '启用组织 Reactivate', params: idParam, response: { 200: orgDetail } },
      },
      async (req) => {
        const actor = requireActor(req);
        await orgService.setActive(ctx, actor, req.params.id, true, null);
        return orgService.detail(ctx, actor, req.params.id);
      },
    );

    app.post(
      '/:id/merge',
      {
        config: access('org.structure', { params: { id: 'org' }, body: { targetId: 'org' } }),
        schema: {
          tags,
          summary: '合并到另一组织 Merge into another',
          params: idParam,
          body: z.object({ targetId: z.number().int().positive(), reason: trimmed(1, 200) }),
          response: { 200: orgDetail },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        await orgService.merge(ctx, actor, req.params.id, req.body.targetId, req.body.reason);
        return orgService.detail(ctx, actor, req.body.targetId);
      },
    );

    app.post(
      '/:id/reveal-contact',
      {
        config: access('member.reveal', { params: { id: 'org' } }),
        schema: { tags, summary: '查看完整联系电话（留痕）Reveal contact number', params: idParam, response: { 200: revealed } },
      },
      async (req) => ({ value: await orgService.revealContact(ctx, requireActor(req), req.params.id) }),
    );
  };
