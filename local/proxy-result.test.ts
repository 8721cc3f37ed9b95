import { MalformedProxyResult, mapProxyResult } from './proxy-result';

describe('mapProxyResult', () => {
  it('merges headers and multiValueHeaders, multi-value winning for a name in both (any case)', () => {
    const response = mapProxyResult({
      statusCode: 200,
      headers: { 'content-type': 'text/plain', 'X-Count': 3, 'set-cookie': 'x=1' },
      multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'] },
      body: 'hi',
    });
    expect(response.headers).toEqual({
      'content-type': ['text/plain'],
      'X-Count': ['3'],
      'Set-Cookie': ['a=1', 'b=2'],
    });
    expect(response.body.toString()).toBe('hi');
  });

  it('decodes base64 bodies', () => {
    const response = mapProxyResult({ statusCode: 200, body: 'AAEC/w==', isBase64Encoded: true });
    expect(response.body).toEqual(Buffer.from([0, 1, 2, 255]));
  });

  it('defaults Content-Type to application/json and an absent body to empty', () => {
    const response = mapProxyResult({ statusCode: 204 });
    expect(response.headers['Content-Type']).toEqual(['application/json']);
    expect(response.body.length).toBe(0);
  });

  it.each([
    ['a string', 'hello'],
    ['no statusCode', { body: '' }],
    ['a string statusCode', { statusCode: '200', body: '' }],
    ['an object body', { statusCode: 200, body: { a: 1 } }],
    ['an unknown field', { statusCode: 200, body: '', cookies: [] }],
    ['a non-array multi-value header', { statusCode: 200, multiValueHeaders: { A: 'b' } }],
  ])('rejects %s as a malformed proxy response', (_case, result) => {
    expect(() => mapProxyResult(result)).toThrow(MalformedProxyResult);
  });
});
