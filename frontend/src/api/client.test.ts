import { apiWith, jsonResponse } from '../../test/fakeBackend';
import { ApiClient, ApiError, buildQuery } from './client';

describe('ApiClient', () => {
  it('sends the bearer token and JSON body, and parses the JSON answer', async () => {
    const { api, calls } = apiWith(() => jsonResponse(201, { id: 'p1', name: 'Ada' }));
    const created = await api.createPersona({
      name: 'Ada',
      kind: 'ai',
      description: '',
      personality: {
        traits: { openness: 1, conscientiousness: 2, extraversion: 3, agreeableness: 4, neuroticism: 5 },
        summary: '',
      },
      knowledge: [],
      communicationStyle: 'casual',
      visibility: 'public',
    });
    expect(created).toEqual({ id: 'p1', name: 'Ada' });
    expect(calls[0]).toMatchObject({
      method: 'POST',
      path: '/api/personas',
      body: expect.objectContaining({ name: 'Ada' }),
    });
    expect(calls[0]!.headers.Authorization).toBe('Bearer test-token');
    expect(calls[0]!.headers['Content-Type']).toBe('application/json');
  });

  it('turns the API error shape into an ApiError with code, details and request id', async () => {
    const { api } = apiWith(() =>
      jsonResponse(400, {
        error: {
          code: 'invalid_input',
          message: 'name is too long',
          details: [{ path: '/name', message: 'too long' }],
          requestId: 'req-1',
        },
      }),
    );
    const error = await api.getPersona('x').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'invalid_input',
      message: 'name is too long',
      requestId: 'req-1',
    });
    expect((error as ApiError).details).toEqual([{ path: '/name', message: 'too long' }]);
  });

  it('reports a response without the error shape by its status', async () => {
    const { api } = apiWith(() => jsonResponse(502, undefined, { 'x-amzn-requestid': 'gw-7' }));
    await expect(api.me()).rejects.toMatchObject({
      status: 502,
      code: 'http_502',
      requestId: 'gw-7',
      isRetryable: true,
    });
  });

  it('reports an unreachable server as a retryable network error', async () => {
    const { api } = apiWith(() => 'network-error');
    const error = (await api.me().catch((err: unknown) => err)) as ApiError;
    expect(error.isNetwork).toBe(true);
    expect(error.isRetryable).toBe(true);
    expect(error.message).toMatch(/could not reach the server/i);
  });

  it('sends If-None-Match on conditional GETs and reports 304 as not modified', async () => {
    const { api, calls } = apiWith((call) =>
      call.headers['If-None-Match'] === '"v1"'
        ? jsonResponse(304)
        : jsonResponse(200, { items: [], nextCursor: null, typing: [] }, { ETag: '"v1"' }),
    );
    const first = await api.pollMessages('c1', 4, null);
    expect(first).toEqual({
      notModified: false,
      etag: '"v1"',
      data: { items: [], nextCursor: null, typing: [] },
    });
    expect(calls[0]!.query.get('after')).toBe('4');
    expect(calls[0]!.headers['If-None-Match']).toBeUndefined();
    const second = await api.pollMessages('c1', 4, '"v1"');
    expect(second).toEqual({ notModified: true });
    expect(calls[1]!.headers['If-None-Match']).toBe('"v1"');
  });

  it('tells the app when the API answers 401', async () => {
    const onUnauthorized = jest.fn();
    const client = new ApiClient({
      baseUrl: 'https://api.example.com/',
      getToken: async () => null,
      fetchFn: async () =>
        jsonResponse(401, { error: { code: 'unauthorized', message: 'Sign in', requestId: 'r' } }),
      onUnauthorized,
    });
    await expect(client.get('/api/me')).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('builds query strings without empty values', () => {
    expect(buildQuery({ q: 'ada lovelace', style: '', cursor: null, limit: 20 })).toBe(
      '?q=ada+lovelace&limit=20',
    );
    expect(buildQuery({})).toBe('');
  });
});
