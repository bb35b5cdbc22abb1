import type { FieldError, Message } from '@zx/domain';

/**
 * An expected failure with a stable code. Services throw these; one error handler turns them
 * into RFC 9457 problem+json. Anything else is a 500 with no detail leaked.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly msg: Message,
    readonly fieldErrors: FieldError[] = [],
    /** Response headers that belong to the answer (e.g. Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(`${code}: ${msg.en}`);
  }
}

export const badRequest = (code: string, zh: string, en: string, fieldErrors: FieldError[] = []) => new AppError(400, code, { zh, en }, fieldErrors);

export const validationFailed = (fieldErrors: FieldError[]) =>
  new AppError(422, 'VALIDATION_FAILED', { zh: '提交的内容有误，请按提示修改', en: 'Some fields are invalid' }, fieldErrors);

export const unauthenticated = () => new AppError(401, 'UNAUTHENTICATED', { zh: '请先登录', en: 'Please log in' });

export const forbidden = () => new AppError(403, 'FORBIDDEN', { zh: '您没有执行此操作的权限', en: 'You are not allowed to do this' });

/** Used both for rows that do not exist and rows outside the actor's scope: no existence leak. */
export const notFound = (what: Message = { zh: '记录', en: 'Record' }) =>
  new AppError(404, 'NOT_FOUND', { zh: `${what.zh}不存在或不在您的管理范围内`, en: `${what.en} not found or outside your scope` });

export const conflict = (code: string, zh: string, en: string, fieldErrors: FieldError[] = []) => new AppError(409, code, { zh, en }, fieldErrors);
