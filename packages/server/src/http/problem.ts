import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { FieldError, Message } from '@zx/domain';
import { AppError } from './errors.ts';

/**
 * One place where errors become RFC 9457 problem+json: a stable `code`, the message in the
 * request's language as `title`, both languages in `messages`, and per-field `errors`.
 */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, status: number, code: string, msg: Message, errors: FieldError[] = []) {
  const en = /^en\b/i.test(request.headers['accept-language'] ?? '') && !/zh/i.test((request.headers['accept-language'] ?? '').split(',')[0]);
  return reply
    .status(status)
    .type('application/problem+json; charset=utf-8')
    .send({
      type: `urn:zhengxian:problem:${code}`,
      title: en ? msg.en : msg.zh,
      status,
      code,
      messages: msg,
      instance: request.url.split('?')[0],
      errors: errors.map((e) => ({ field: e.field, code: e.code, message: en ? e.message.en : e.message.zh, messages: e.message })),
    });
}

/**
 * Zod issues → bilingual field errors. A custom message may carry both languages as 'zh|en', or
 * a stable code of its own and both languages as 'CODE|zh|en' (a domain rule checked in a schema).
 */
function fieldErrorFromIssue(issue: { keyword: string; instancePath: string; message: string; params: Record<string, unknown> }): FieldError {
  const field = issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || '(body)';
  const p = issue.params;
  const m = (zh: string, en: string) => ({ field, code: `FIELD_${issue.keyword.toUpperCase()}`, message: { zh, en } });
  if (issue.keyword === 'custom' && issue.message.includes('|')) {
    const parts = issue.message.split('|');
    if (parts.length === 3 && /^[A-Z][A-Z0-9_]+$/.test(parts[0])) return { field, code: parts[0], message: { zh: parts[1], en: parts[2] } };
    const [zh, en] = parts;
    return m(zh, en);
  }
  switch (issue.keyword) {
    case 'invalid_type':
      return p.input === undefined ? m('此项为必填项', 'This field is required') : m('格式不正确', `Expected ${String(p.expected)}`);
    case 'too_small':
      return p.origin === 'string'
        ? Number(p.minimum) <= 1
          ? m('此项不能为空', 'This field must not be empty')
          : m(`至少 ${p.minimum} 个字符`, `At least ${p.minimum} characters`)
        : p.origin === 'array'
          ? m(`至少选择 ${p.minimum} 项`, `Choose at least ${p.minimum}`)
          : m(`不能小于 ${p.minimum}`, `Must be at least ${p.minimum}`);
    case 'too_big':
      return p.origin === 'string'
        ? m(`不能超过 ${p.maximum} 个字符`, `At most ${p.maximum} characters`)
        : p.origin === 'array'
          ? m(`最多 ${p.maximum} 项`, `At most ${p.maximum} items`)
          : m(`不能大于 ${p.maximum}`, `Must be at most ${p.maximum}`);
    case 'invalid_format':
      return m('格式不正确', `Invalid format (${String(p.format ?? '')})`);
    case 'invalid_value':
      return m('取值无效', 'Invalid value');
    case 'unrecognized_keys':
      return m('包含不支持的字段', `Unknown field(s): ${String(p.keys ?? '')}`);
    default:
      return m('输入无效', issue.message || 'Invalid input');
  }
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: any, request, reply) => {
    if (error instanceof AppError) {
      for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
      return sendProblem(request, reply, error.status, error.code, error.msg, error.fieldErrors);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return sendProblem(
        request,
        reply,
        422,
        'VALIDATION_FAILED',
        { zh: '提交的内容有误，请按提示修改', en: 'Some fields are invalid' },
        error.validation.map((v) => fieldErrorFromIssue(v as any)),
      );
    }
    if (isUniqueViolation(error)) {
      // Two requests created the same record at once (e.g. two first saves): the later one lost the race.
      return sendProblem(request, reply, 409, 'CONCURRENT_CHANGE', {
        zh: '该记录刚被其他操作创建或修改，请刷新后重试',
        en: 'Someone else created or changed this just now; reload and try again',
      });
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE') {
      return sendProblem(request, reply, 413, 'PAYLOAD_TOO_LARGE', { zh: '文件或请求内容过大', en: 'The file or request is too large' });
    }
    if (status === 415) return sendProblem(request, reply, 415, 'UNSUPPORTED_MEDIA_TYPE', { zh: '不支持的内容类型', en: 'Unsupported content type' });
    if (status >= 400 && status < 500) {
      return sendProblem(request, reply, status, 'BAD_REQUEST', { zh: '请求格式不正确', en: 'Malformed request' });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, 500, 'INTERNAL_ERROR', { zh: '服务器内部错误，请稍后重试', en: 'Internal server error; please try again' });
  });
}

/** A unique or primary-key constraint refused a write (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY). */
function isUniqueViolation(error: { code?: unknown }): boolean {
  return error.code === '23505' || error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Unknown paths: the SPA's index.html for page routes (when the web app is served), else a problem. */
export function registerNotFound(app: FastifyInstance, serveSpa: boolean) {
  app.setNotFoundHandler((request, reply) => {
    if (serveSpa && request.method === 'GET' && !request.url.startsWith('/api/')) return reply.sendFile('index.html');
    return sendProblem(request, reply, 404, 'ROUTE_NOT_FOUND', { zh: '接口不存在', en: 'No such endpoint' });
  });
}
