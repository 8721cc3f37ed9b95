import path from 'node:path';
import { readFunctions } from './functions';
import { REPO_ROOT } from './paths';
import { type Route, RouteTable, readRoutes } from './routes';
import { createResolver, loadTemplate, parameterValues } from './template';

const route = (resourcePath: string, method: string, functionId = 'Fn'): Route => ({
  functionId,
  eventName: `${method} ${resourcePath}`,
  resourcePath,
  method,
  isPublic: false,
});

describe('RouteTable', () => {
  const table = new RouteTable([
    route('/api/personas', 'GET'),
    route('/api/personas/{id}', 'GET'),
    route('/api/personas/{id}', 'DELETE'),
    route('/api/personas/mine', 'GET'),
    route('/api/conversations/{id}/messages', 'POST'),
    route('/api/files/{proxy+}', 'ANY'),
    route('/api/files/{proxy+}', 'GET', 'GetFiles'),
  ]);

  it('matches a literal resource before a path parameter', () => {
    expect(table.match('GET', '/api/personas/mine')).toMatchObject({
      resourcePath: '/api/personas/mine',
      pathParameters: null,
    });
    expect(table.match('GET', '/api/personas/42')).toMatchObject({
      resourcePath: '/api/personas/{id}',
      pathParameters: { id: '42' },
    });
  });

  it('backtracks to a path parameter when the literal branch has no resource further down', () => {
    expect(table.match('POST', '/api/conversations/abc/messages')?.pathParameters).toEqual({ id: 'abc' });
  });

  it('decodes path parameters and ignores a trailing slash', () => {
    expect(table.match('GET', '/api/personas/a%2Fb/')?.pathParameters).toEqual({ id: 'a/b' });
  });

  it('gives {proxy+} the rest of the path and prefers the exact method over ANY', () => {
    expect(table.match('GET', '/api/files/a/b/c')).toMatchObject({
      pathParameters: { proxy: 'a/b/c' },
      route: { functionId: 'GetFiles' },
    });
    expect(table.match('PATCH', '/api/files/a')?.route?.method).toBe('ANY');
    expect(table.match('GET', '/api/files')).toBeUndefined();
  });

  it('finds the resource but no route for a method it does not have', () => {
    const match = table.match('PUT', '/api/personas/42');
    expect(match?.resourcePath).toBe('/api/personas/{id}');
    expect(match?.route).toBeUndefined();
  });

  it('finds nothing for an unknown path', () => {
    expect(table.match('GET', '/api/nope')).toBeUndefined();
  });
});

describe('readRoutes over template.yaml', () => {
  const template = loadTemplate(path.join(REPO_ROOT, 'template.yaml'));
  const routes = readRoutes(
    template,
    readFunctions(
      template,
      path.join(REPO_ROOT, 'functions'),
      createResolver(template, parameterValues(template)),
    ),
  );
  const find = (method: string, resourcePath: string) =>
    routes.find((r) => r.method === method && r.resourcePath === resourcePath);

  it('makes routes with Auth: { Authorizer: NONE } public and the rest protected', () => {
    expect(find('GET', '/api/health')?.isPublic).toBe(true);
    expect(find('GET', '/api/me')?.isPublic).toBe(false);
    expect(find('PUT', '/api/personas/{id}')).toMatchObject({
      functionId: 'PersonasFunction',
      isPublic: false,
    });
  });
});
