/**
 * The one way the web talks to the server: JSON over fetch, same-origin cookies, the CSRF
 * header on every state-changing request, RFC 9457 problems turned into ApiError values.
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

type Params = Record<string, string | number | boolean | null | undefined>;

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

/** Before login there is no session token: ask for the double-submit cookie once. */
export async function ensureCsrf(): Promise<void> {
  if (readCookie(CSRF_COOKIE)) return;
  const res = await request<{ csrfToken: string }>('GET', '/auth/csrf', undefined, { noAuthRedirect: true });
  rememberCsrfToken(res.csrfToken);
}

export function buildUrl(path: string, params?: Params): string {
  const url = API_BASE + path;
  if (!params) return url;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
  }
  const s = q.toString();
  return s ? `${url}?${s}` : url;
}

export interface RequestOptions {
  params?: Params;
  /** Do not send the user to /login on 401 (login, password change). */
  noAuthRedirect?: boolean;
  signal?: AbortSignal;
}

function baseHeaders(method: string): Record<string, string> {
  const h: Record<string, string> = { Accept: 'application/json, application/problem+json', 'Accept-Language': hooks.getLanguage() };
  if (method !== 'GET' && method !== 'HEAD') {
    const t = csrfToken();
    if (t) h[CSRF_HEADER] = t;
  }
  return h;
}

async function problemFrom(res: Response): Promise<ApiError> {
  let body: any = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON: keep the status */
  }
  return new ApiError({
    status: res.status,
    code: body?.code ?? `HTTP_${res.status}`,
    title: body?.title ?? res.statusText ?? `HTTP ${res.status}`,
    messages: body?.messages,
    errors: Array.isArray(body?.errors) ? body.errors : [],
  });
}

async function send(method: string, url: string, init: RequestInit, opts: RequestOptions): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, method, credentials: 'same-origin', signal: opts.signal });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError({
      status: 0,
      code: 'NETWORK_ERROR',
      title: 'Network error',
      messages: { zh: '网络连接失败，请检查网络后重试', en: 'Network error; check your connection and try again' },
    });
  }
  if (!res.ok) {
    const err = await problemFrom(res);
    if (res.status === 401 && !opts.noAuthRedirect) hooks.onUnauthenticated(err.code);
    throw err;
  }
  return res;
}

export async function request<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const headers = baseHeaders(method);
  const init: RequestInit = { headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await send(method, buildUrl(path, opts.params), init, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, params?: Params, opts: RequestOptions = {}) => request<T>('GET', path, undefined, { ...opts, params }),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, body ?? {}, opts),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', path, body ?? {}, opts),
  patch: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PATCH', path, body ?? {}, opts),
  del: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, undefined, opts),
};

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

/** Downloads a file (xlsx) through fetch so errors come back as problems, not as a broken page. */
export async function download(path: string, params?: Params, fallbackName = 'download.xlsx'): Promise<string> {
  const res = await send('GET', buildUrl(path, params), { headers: baseHeaders('GET') }, {});
  const blob = await res.blob();
  const name = filenameFromDisposition(res.headers.get('Content-Disposition'), fallbackName);
  const href = URL.createObjectURL(blob);
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

/** Multipart upload: the file under `file`, plus plain text fields. */
export async function upload<T>(path: string, file: Blob & { name?: string }, fields: Params = {}): Promise<T> {
  const fd = new FormData();
  // Fields before the file: streaming multipart parsers see them first.
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== null) fd.append(k, String(v));
  fd.append('file', file, file.name ?? 'upload.xlsx');
  const res = await send('POST', buildUrl(path), { headers: baseHeaders('POST'), body: fd }, {});
  return (await res.json()) as T;
}
