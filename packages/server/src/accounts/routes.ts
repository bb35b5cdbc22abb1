import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ROLE_CODES } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { idParam, trimmed } from '../http/schemas.ts';
import { accountService } from './service.ts';
import { USERNAME_PATTERN } from './system.ts';
import { access } from '../access/guard.ts';
import { ok } from '@zx/contract/common';
import { accountPage, createdAccount, passwordReset } from '@zx/contract/accounts';

const tags = ['账号 Accounts'];
const username = z
  .string()
  .trim()
  .regex(USERNAME_PATTERN, '用户名须以字母开头，3–32 位字母、数字、下划线、点或连字符|Username: 3–32 letters, digits, _ . -, starting with a letter');

export const accountRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/',
      {
        config: access('account.read', { query: { orgId: 'org' } }),
        schema: {
          tags,
          summary: '账号列表 Accounts with a grant in scope',
          querystring: z.object({
            q: z.string().trim().max(40).optional(),
            orgId: z.coerce.number().int().positive().optional(),
            role: z.enum(ROLE_CODES).optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(20),
          }),
          response: { 200: accountPage },
        },
      },
      async (req) => {
        const { page, pageSize, ...f } = req.query;
        return accountService.list(ctx, requireActor(req), f, { page, pageSize });
      },
    );

    app.post(
      '/',
      {
        config: access('account.write', { body: { orgId: 'org', memberId: 'member' } }),
        schema: {
          tags,
          summary: '新建账号（返回一次性初始密码）Create an account (initial password shown once)',
          body: z.object({
            username,
            displayName: trimmed(1, 30),
            phone: z.string().trim().max(20).nullable().optional(),
            memberId: z.number().int().positive().nullable().optional(),
            role: z.enum(ROLE_CODES),
            orgId: z.number().int().positive(),
          }),
          response: { 201: createdAccount },
        },
      },
      async (req, reply) => {
        const res = await accountService.create(ctx, requireActor(req), req.body);
        return reply.status(201).send(res);
      },
    );

    app.patch(
      '/:id',
      {
        config: access('account.write', { params: { id: 'account' } }),
        schema: {
          tags,
          summary: '修改账号 Edit',
          params: idParam,
          body: z.object({ displayName: trimmed(1, 30), phone: z.string().trim().max(20).nullable(), status: z.enum(['active', 'disabled']) }).partial(),
          response: { 200: ok },
        },
      },
      async (req) => {
        await accountService.update(ctx, requireActor(req), req.params.id, req.body);
        return { ok: true as const };
      },
    );

    app.post(
      '/:id/reset-password',
      {
        config: access('account.write', { params: { id: 'account' } }),
        schema: { tags, summary: '重置密码（返回一次性密码）Reset password', params: idParam, response: { 200: passwordReset } },
      },
      async (req) => accountService.resetPassword(ctx, requireActor(req), req.params.id),
    );

    app.post(
      '/:id/unlock',
      { config: access('account.write', { params: { id: 'account' } }), schema: { tags, summary: '解除锁定 Unlock', params: idParam, response: { 200: ok } } },
      async (req) => {
        await accountService.unlock(ctx, requireActor(req), req.params.id);
        return { ok: true as const };
      },
    );

    app.post(
      '/:id/grants',
      {
        config: access('account.write', { params: { id: 'account' }, body: { orgId: 'org' } }),
        schema: {
          tags,
          summary: '授予角色 Grant a role',
          params: idParam,
          body: z.object({ role: z.enum(ROLE_CODES), orgId: z.number().int().positive() }),
          response: { 201: ok },
        },
      },
      async (req, reply) => {
        await accountService.addGrant(ctx, requireActor(req), req.params.id, req.body.role, req.body.orgId);
        return reply.status(201).send({ ok: true });
      },
    );

    app.delete(
      '/:id/grants/:grantId',
      {
        config: access('account.write', { params: { id: 'account' } }),
        schema: {
          tags,
          summary: '撤销角色 Revoke a grant',
          params: z.object({ id: z.coerce.number().int().positive(), grantId: z.coerce.number().int().positive() }),
          response: { 200: ok },
        },
      },
      async (req) => {
        await accountService.revokeGrant(ctx, requireActor(req), req.params.id, req.params.grantId);
        return { ok: true as const };
      },
    );
  };
