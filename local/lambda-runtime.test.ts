import path from 'node:path';
import type { FunctionSpec } from './functions';
import { LambdaRuntime } from './lambda-runtime';
import { consoleLog } from './log';
import { REPO_ROOT } from './paths';

const fixtures = path.join(REPO_ROOT, 'tests', 'fixtures', 'local-server', 'functions');
const spec = (logicalId: string, overrides: Partial<FunctionSpec> = {}): FunctionSpec => ({
  logicalId,
  handlerFile: path.join(fixtures, 'results', 'handler.ts'),
  exportName: 'handler',
  timeoutSeconds: 5,
  memoryMb: 128,
  environment: {},
  events: [],
  ...overrides,
});
const slowEvent = { pathParameters: { kind: 'slow' } };

describe('LambdaRuntime', () => {
  const runtime = new LambdaRuntime(
    new Map(
      [
        spec('Results'),
        spec('Quick', { timeoutSeconds: 0.05 }),
        spec('Missing', { handlerFile: path.join(fixtures, 'nope', 'handler.ts') }),
        spec('WrongExport', { exportName: 'main' }),
      ].map((fn) => [fn.logicalId, fn]),
    ),
    consoleLog(true),
  );

  it('imports the handler on first use and returns its result', async () => {
    expect(runtime.anyLoaded).toBe(false);
    const invocation = await runtime.invoke('Results', { pathParameters: { kind: 'no-content-type' } });
    expect(invocation).toEqual({
      outcome: 'returned',
      result: { statusCode: 201, body: '{"created":true}' },
    });
    expect(runtime.anyLoaded).toBe(true);
  });

  it("reports the function's own timeout", async () => {
    expect(await runtime.invoke('Quick', slowEvent)).toEqual({ outcome: 'timed-out', limit: 'function' });
  });

  it('reports the integration timeout when API Gateway would give up first', async () => {
    expect(await runtime.invoke('Results', slowEvent, { integrationTimeoutMs: 50 })).toEqual({
      outcome: 'timed-out',
      limit: 'integration',
    });
  });

  it('fails cleanly for a missing module, a missing export or an unknown function', async () => {
    expect(await runtime.invoke('Missing', {})).toMatchObject({ outcome: 'failed' });
    expect(await runtime.invoke('WrongExport', {})).toMatchObject({
      outcome: 'failed',
      error: expect.objectContaining({
        message: expect.stringContaining('does not export a "main" function'),
      }),
    });
    expect(await runtime.invoke('Nobody', {})).toMatchObject({ outcome: 'failed' });
  });
});
