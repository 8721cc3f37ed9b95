// Small typed fetch wrapper: bearer token, JSON in/out, the API's error shape, and conditional GETs
// (ETag / If-None-Match) for cheap polling.
import type { ApiErrorBody } from './types';

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown[];
  readonly requestId: string | null;

  constructor(
    status: number,
    code: string,
    message: string,
    details: unknown[] = [],
    requestId: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId;
  }

  /** True when the request never got an HTTP answer, so repeating it may succeed. */
  get isNetwork(): boolean {
    return this.status === 0;
  }

  /** Worth retrying: no answer, or a transient upstream failure. */
  get isRetryable(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

export interface ApiClientOptions {
  baseUrl: string;
  getToken: () => Promise<string | null>;
  fetchFn?: FetchFn;
  /** Called once per 401 so the app can drop a stale session. */
  onUnauthorized?: () => void;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
}

export type ConditionalResult<T> =
  | { notModified: true }
  | { notModified: false; data: T; etag: string | null };

export function buildQuery(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'message' in error;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const body = await readJson(response);
  const headerRequestId = response.headers.get('x-request-id') ?? response.headers.get('x-amzn-requestid');
  if (isErrorBody(body)) {
    const { code, message, details, requestId } = body.error;
    return new ApiError(
      response.status,
      code ?? `http_${response.status}`,
      message,
      Array.isArray(details) ? details : [],
      requestId ?? headerRequestId,
    );
  }
  const message = response.statusText || `Request failed with status ${response.status}`;
  return new ApiError(response.status, `http_${response.status}`, message, [], headerRequestId);
}

export class ApiClient {
  private readonly baseUrl: string;
  private readonly getToken: () => Promise<string | null>;
  private readonly fetchFn: FetchFn;
  private readonly onUnauthorized?: () => void;

  constructor(options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.getToken = options.getToken;
    // Bind lazily so tests (and polyfills) that replace globalThis.fetch after construction still work.
    this.fetchFn = options.fetchFn ?? ((input, init) => globalThis.fetch(input, init));
    this.onUnauthorized = options.onUnauthorized;
  }

  get<T>(path: string, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('GET', path, options);
  }

  post<T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
  }

  put<T>(path: string, body: unknown, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('PUT', path, { ...options, body });
  }

  delete<T>(path: string, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('DELETE', path, options);
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(method, path, options, {});
    if (!response.ok) throw await toApiError(response);
    return (await readJson(response)) as T;
  }

  /** GET that sends If-None-Match and reports a 304 as "nothing new" instead of an error. */
  async getConditional<T>(
    path: string,
    etag: string | null,
    options: Omit<RequestOptions, 'body'> = {},
  ): Promise<ConditionalResult<T>> {
    const headers: Record<string, string> = etag ? { 'If-None-Match': etag } : {};
    const response = await this.send('GET', path, options, headers);
    if (response.status === 304) return { notModified: true };
    if (!response.ok) throw await toApiError(response);
    return { notModified: false, data: (await readJson(response)) as T, etag: response.headers.get('etag') };
  }

  private async send(
    method: string,
    path: string,
    options: RequestOptions,
    extraHeaders: Record<string, string>,
  ): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
    const token = await this.getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    let response: Response;
    try {
      response = await this.fetchFn(`${this.baseUrl}${path}${buildQuery(options.query)}`, {
        method,
        headers,
        body,
        signal: options.signal,
        // Conditional requests are ours to manage; the HTTP cache would turn a 304 back into a 200.
        cache: 'no-store',
      });
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw new ApiError(
        0,
        'network_error',
        'Could not reach the server. Check your connection and try again.',
      );
    }
    if (response.status === 401) this.onUnauthorized?.();
    return response;
  }
}

export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}
