import createClient, { type Middleware, type ParamsOption, type RequestBodyOption } from 'openapi-fetch';
import type { HttpMethod, PathsWithMethod, RequiredKeysOf, SuccessResponseJSON } from 'openapi-typescript-helpers';
import type { paths } from './openapi.gen.ts';

/**
 * The one way the web talks to the server: openapi-fetch over the generated path types
 * (openapi.gen.ts, `npm run contract:types`), so a call's parameters, body and answer all follow
 * from its path. Same-origin cookies, the CSRF header on every state-changing request, the UI
 * language, RFC 9457 problems turned into ApiError values, the 401 hook.
 *
 *   const plan = await api.GET('/campaigns/{campaignId}/plans/{orgId}', { params: { path: { campaignId, orgId } } });
 */
export const API_BASE = '/api/v1';
const CSRF_COOKIE = 'zx_csrf';
const CSRF_HEADER = 'X-CSRF-Token';

export interface LocalizedText {
  zh: string;
  en: string;
}

export interface ApiFieldError {
  field: string;
  code?: string;
  message: string;
  messages?: LocalizedText;
}

/** A problem+json answer (or a network failure, status 0) as a value the UI can show. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly messages?: LocalizedText;
  readonly errors: ApiFieldError[];

  constructor(init: { status: number; code: string; title: string; messages?: LocalizedText; errors?: ApiFieldError[] }) {
    super(init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.messages = init.messages;
    this.errors = init.errors ?? [];
  }

  /** The message in the UI language ('zh-CN' | 'en-US'), falling back to the server's title. */
  text(lang: string): string {
    if (this.messages) return lang.startsWith('en') ? this.messages.en : this.messages.zh;
    return this.title;
  }

  fieldText(e: ApiFieldError, lang: string): string {
    if (e.messages) return lang.startsWith('en') ? e.messages.en : e.messages.zh;
    return e.message;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

interface ClientHooks {
  getLanguage: () => string;
  /** Called on 401 (not for requests that opt out, like the login itself). */
  onUnauthenticated: (code: string) => void;
}

const hooks: ClientHooks = {
  getLanguage: () => 'zh-CN',
  onUnauthenticated: () => {
    const back = window.location.pathname + window.location.search;
    if (!window.location.pathname.startsWith('/login')) window.location.assign(`/login?next=${encodeURIComponent(back)}`);
  },
};

export function configureClient(h: Partial<ClientHooks>) {
  Object.assign(hooks, h);
}

let csrfFromSession: string | null = null;

/** Remember the session's CSRF token (from `Me.csrfToken`) in case the cookie is not readable. */
export function rememberCsrfToken(token: string | undefined | null) {
  if (token) csrfFromSession = token;
}

export function readCookie(name: string): string | null {
  const parts = document.cookie ? document.cookie.split('; ') : [];
  for (const p of parts) {
    const eq = p.indexOf('=');
    if (p.slice(0, eq) === name) return decodeURIComponent(p.slice(eq + 1));
  }
  return null;
}

function csrfToken(): string | null {
  return readCookie(CSRF_COOKIE) ?? csrfFromSession;
}

/** Query strings as the server reads them: empty values left out, flags as 1/0. */
function serializeQuery(query: Record<string, unknown>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
  }
  return q.toString();
}

const NETWORK_ERROR = () =>
  new ApiError({
    status: 0,
    code: 'NETWORK_ERROR',
    title: 'Network error',
    messages: { zh: '网络连接失败，请检查网络后重试', en: 'Network error; check your connection and try again' },
  });

/** Every request: what it accepts, the UI language, the CSRF token when it changes something; a failed fetch is a network ApiError. */
const conventions: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept', 'application/json, application/problem+json');
    request.headers.set('Accept-Language', hooks.getLanguage());
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const t = csrfToken();
      if (t) request.headers.set(CSRF_HEADER, t);
    }
  },
  onError({ error }) {
    // An aborted request stays an AbortError (react-query cancels, nobody is told).
    return (error as Error)?.name === 'AbortError' ? undefined : NETWORK_ERROR();
  },
};

const client = createClient<paths>({ baseUrl: API_BASE, credentials: 'same-origin', querySerializer: serializeQuery });
client.use(conventions);

/** A problem+json body (or whatever came instead) as an ApiError. */
function problemFrom(res: Response, body: unknown): ApiError {
  const p = (body && typeof body === 'object' ? body : {}) as Partial<{ code: string; title: string; messages: LocalizedText; errors: ApiFieldError[] }>;
  return new ApiError({
    status: res.status,
    code: p.code ?? `HTTP_${res.status}`,
    title: p.title ?? (res.statusText || `HTTP ${res.status}`),
    messages: p.messages,
    errors: Array.isArray(p.errors) ? p.errors : [],
  });
}

type Method = Extract<HttpMethod, 'get' | 'post' | 'put' | 'patch' | 'delete'>;

/** What a call may add to its parameters and body. */
export interface CallOptions {
  /** Do not send the user to /login on 401 (login, password change, logout). */
  noAuthRedirect?: boolean;
  signal?: AbortSignal;
}

/** An operation's parameters (`params: { path, query }`) and JSON body, as the contract declares them. */
export type Init<Op> = ParamsOption<Op> & RequestBodyOption<Op> & CallOptions;
/** The init argument: required when the operation has a path parameter, a required query parameter or a required body. */
type InitArgs<Op> = RequiredKeysOf<Init<Op>> extends never ? [init?: Init<Op>] : [init: Init<Op>];
/** What a successful call answers (204: null). */
export type Answer<Op> = [SuccessResponseJSON<Op & Record<string | number, unknown>>] extends [never]
  ? null
  : SuccessResponseJSON<Op & Record<string | number, unknown>>;

type Operation<M extends Method, P> = P extends keyof paths ? (M extends keyof paths[P] ? paths[P][M] : never) : never;
/** The query parameters a GET takes, for a page that keeps them in its state. */
export type QueryParams<P extends PathsWithMethod<paths, 'get'>> = NonNullable<ParamsOption<Operation<'get', P>>['params']>['query'] & {};
/** The JSON body an operation takes, for a page that builds one before choosing the call. */
export type RequestBody<M extends Method, P extends PathsWithMethod<paths, M>> = NonNullable<Init<Operation<M, P>>['body']>;
type Call<M extends Method> = <P extends PathsWithMethod<paths, M>>(path: P, ...init: InitArgs<Operation<M, P>>) => Promise<Answer<Operation<M, P>>>;

/** openapi-fetch's request without the path types (they were checked by the typed signatures). */
type LooseRequest = (method: Method, path: string, init: Record<string, unknown>) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** Sends one request; a problem becomes a thrown ApiError (after the 401 hook unless the call opts out). */
async function send(method: Method, path: string, init: (Record<string, unknown> & CallOptions) | undefined, extra: Record<string, unknown> = {}) {
  const { noAuthRedirect, ...rest } = init ?? {};
  // A state-changing request always carries a JSON body ({} when the operation takes none).
  const body = rest.body === undefined && (method === 'post' || method === 'put' || method === 'patch') && !('body' in extra) ? {} : rest.body;
  const { data, error, response } = await (client.request as unknown as LooseRequest)(method, path, { ...rest, body, ...extra });
  if (!response.ok) {
    const err = problemFrom(response, error);
    if (response.status === 401 && !noAuthRedirect) hooks.onUnauthenticated(err.code);
    throw err;
  }
  return { data: response.status === 204 ? null : data, response };
}

const call =
  <M extends Method>(method: M): Call<M> =>
  (path, ...init) =>
    send(method, path as string, init[0] as Record<string, unknown> | undefined).then((r) => r.data as never);

/**
 * The typed API. The answer's type comes from the path and method; parameters and body are checked
 * against the contract. Throws ApiError for a problem or a network failure.
 */
export const api = {
  GET: call('get'),
  POST: call('post'),
  PUT: call('put'),
  PATCH: call('patch'),
  DELETE: call('delete'),
};

/** Before login there is no session token: ask for the double-submit cookie once. */
export async function ensureCsrf(): Promise<void> {
  if (readCookie(CSRF_COOKIE)) return;
  const res = await api.GET('/auth/csrf', { noAuthRedirect: true });
  rememberCsrfToken(res.csrfToken);
}

/** File name from Content-Disposition, preferring RFC 5987 `filename*=UTF-8''…`. */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain ? plain[1].trim() : fallback;
}

/** The GET operations that answer a file (`binary(mediaType)` in the contract). */
export type DownloadPath = { [P in PathsWithMethod<paths, 'get'>]: Answer<Operation<'get', P>> extends Blob ? P : never }[PathsWithMethod<paths, 'get'>];

/** A download's parameters (path and query), as its operation declares them. */
export type DownloadInit<P extends DownloadPath> = InitArgs<Operation<'get', P>>;

/** Downloads a file (xlsx, docx, pdf) through fetch so errors come back as problems, not as a broken page. */
export async function download<P extends DownloadPath>(path: P, fallbackName: string, ...init: DownloadInit<P>): Promise<string> {
  const { data, response } = await send('get', path, init[0] as Record<string, unknown> | undefined, { parseAs: 'blob' });
  const name = filenameFromDisposition(response.headers.get('Content-Disposition'), fallbackName);
  const href = URL.createObjectURL(data as Blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return name;
}

/** The POST operations without a JSON body: the multipart uploads are among them. */
export type UploadPath = { [P in PathsWithMethod<paths, 'post'>]: Operation<'post', P> extends { requestBody?: never } ? P : never }[PathsWithMethod<
  paths,
  'post'
>];

/** Multipart upload: plain text fields first (streaming multipart parsers see them first), then the file under `file`. */
export async function upload<P extends UploadPath>(
  path: P,
  file: Blob & { name?: string },
  fields: Record<string, string | number | null | undefined>,
  ...init: InitArgs<Operation<'post', P>>
): Promise<Answer<Operation<'post', P>>> {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== null) fd.append(k, String(v));
  fd.append('file', file, file.name ?? 'upload.xlsx');
  const { data } = await send('post', path, init[0] as Record<string, unknown> | undefined, { body: fd });
  return data as Answer<Operation<'post', P>>;
}
