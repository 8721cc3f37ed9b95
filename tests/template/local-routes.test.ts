/** Every Api event in template.yaml is served by the local server's router, with the same auth, as in AWS. */
import path from 'node:path';
import { readFunctions } from '../../local/functions';
import { RouteTable, readRoutes } from '../../local/routes';
import { createResolver, loadTemplate, parameterValues } from '../../local/template';
import { type JsonObject, loadTemplate as loadCfn, ROOT } from './cfn';

const template = loadTemplate(path.join(ROOT, 'template.yaml'));
const resolver = createResolver(template, parameterValues(template));
const table = new RouteTable(
  readRoutes(template, readFunctions(template, path.join(ROOT, 'functions'), resolver)),
);

const events = Object.entries(loadCfn().Resources)
  .filter(([, r]) => r.Type === 'AWS::Serverless::Function')
  .flatMap(([id, r]) =>
    Object.entries((r.Properties?.Events ?? {}) as Record<string, JsonObject>)
      .filter(([, e]) => e.Type === 'Api')
      .map(([name, e]) => {
        const p = e.Properties as JsonObject;
        return {
          id,
          name,
          method: String(p.Method).toUpperCase(),
          path: String(p.Path),
          public: p.Auth !== undefined,
        };
      }),
  );

describe('local server routes', () => {
  it.each(events)('routes $method $path to $id ($name)', (event) => {
    const concrete = event.path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
    const match = table.match(event.method, concrete);
    expect(match?.resourcePath).toBe(event.path);
    expect(match?.route).toMatchObject({
      functionId: event.id,
      eventName: event.name,
      isPublic: event.public,
    });
  });
});
