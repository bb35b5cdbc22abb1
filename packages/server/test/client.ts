import type { App } from '../src/app.ts';
import { TEST_PASSWORD } from './factories.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A browser-like API client over app.inject: keeps cookies, sends the CSRF header the way the
 * web app does, and returns status + parsed body.
 */
export class TestClient {
  private cookies = new Map<string, string>();
  constructor(
    private readonly app: App,
    private readonly ip = '127.0.0.1',
  ) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const isForm = body instanceof FormDataBody;
    const res = await this.app.inject({
      method,
      url,
      remoteAddress: this.ip,
      headers: {
        ...(this.cookies.size ? { cookie: this.cookieHeader() } : {}),
        ...(method !== 'GET' && this.cookies.get('zx_csrf') ? { 'x-csrf-token': this.cookies.get('zx_csrf')! } : {}),
        ...(body !== undefined && !isForm ? { 'content-type': 'application/json' } : {}),
        ...(isForm ? body.headers : {}),
        ...headers,
      },
      payload: isForm ? body.payload : body === undefined ? undefined : JSON.stringify(body),
    });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    let json: any = null;
    if ((res.headers['content-type'] ?? '').toString().includes('json')) json = res.json();
    return { status: res.statusCode, body: json, raw: res.rawPayload, headers: res.headers };
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  put = (url: string, body?: unknown) => this.request('PUT', url, body ?? {});
  patch = (url: string, body?: unknown) => this.request('PATCH', url, body ?? {});
  delete = (url: string) => this.request('DELETE', url);

  cookie(name: string) {
    return this.cookies.get(name);
  }

  async login(login: string, password = TEST_PASSWORD) {
    if (!this.cookies.get('zx_csrf')) await this.get('/api/v1/auth/csrf');
    return this.post('/api/v1/auth/login', { login, password });
  }
}

/** A multipart body with one file (and optional fields), for app.inject. */
export class FormDataBody {
  readonly headers: Record<string, string>;
  readonly payload: Buffer;
  constructor(file: { name: string; content: Buffer; type?: string }, fields: Record<string, string> = {}) {
    const boundary = `----zx${Math.random().toString(16).slice(2)}`;
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries(fields)) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    }
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name.replace(/"/g, '')}"\r\nContent-Type: ${file.type ?? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'}\r\n\r\n`,
      ),
    );
    parts.push(file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
    this.payload = Buffer.concat(parts);
    this.headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
  }
}
