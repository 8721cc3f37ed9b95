import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  applyEnvironment,
  combineEnvironments,
  functionEnvironment,
  localStage,
  readEnvFile,
} from './environment';
import type { FunctionSpec } from './functions';
import { type CfnTemplate, createResolver } from './template';

const fn = (logicalId: string, environment: Record<string, unknown>): FunctionSpec => ({
  logicalId,
  handlerFile: '',
  exportName: 'handler',
  timeoutSeconds: 3,
  memoryMb: 128,
  environment,
  events: [],
});
const template: CfnTemplate = { Resources: {} };
const resolver = createResolver(template, { Stage: 'dev' });

describe('localStage', () => {
  const none = { parameters: {}, functions: {} };

  it('is local unless something names another stage (never the template default, dev)', () => {
    expect(localStage(none, {})).toBe('local');
    expect(localStage(none, { STAGE: '  ' })).toBe('local');
  });

  it('takes STAGE from the process first, then env.json Parameters', () => {
    expect(localStage({ parameters: { Stage: 'dev' }, functions: {} }, { STAGE: 'prod' })).toBe('prod');
    expect(localStage({ parameters: { Stage: 'dev' }, functions: {} }, {})).toBe('dev');
    expect(localStage({ parameters: { STAGE: 'prod' }, functions: {} }, {})).toBe('prod');
  });
});

describe('functionEnvironment', () => {
  it('resolves template values and leaves out the unresolvable', () => {
    const env = functionEnvironment(
      fn('A', { STAGE: { Ref: 'Stage' }, PLAIN: 'x', SECRET: { Ref: 'SomeSecret' } }),
      resolver,
      readEnvFile(undefined),
    );
    expect(env).toEqual({ STAGE: 'dev', PLAIN: 'x' });
  });

  it('applies env.json Parameters to every function, then the function block', () => {
    const envFile = { parameters: { STAGE: 'local', SHARED: '1' }, functions: { A: { SHARED: '2' } } };
    expect(functionEnvironment(fn('A', { STAGE: { Ref: 'Stage' } }), resolver, envFile)).toEqual({
      STAGE: 'local',
      SHARED: '2',
    });
    expect(functionEnvironment(fn('B', {}), resolver, envFile)).toEqual({ STAGE: 'local', SHARED: '1' });
  });
});

describe('readEnvFile', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'env-file-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the sam local --env-vars format, turning numbers and booleans into strings', () => {
    const file = path.join(dir, 'env.json');
    writeFileSync(file, JSON.stringify({ Parameters: { PORTS: 5432, ON: true }, AdminFunction: { X: 'y' } }));
    expect(readEnvFile(file)).toEqual({
      parameters: { PORTS: '5432', ON: 'true' },
      functions: { AdminFunction: { X: 'y' } },
    });
  });

  it('treats a missing file as empty and a broken one as an error naming the file', () => {
    expect(readEnvFile(path.join(dir, 'missing.json'))).toEqual({ parameters: {}, functions: {} });
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{');
    expect(() => readEnvFile(broken)).toThrow(/broken\.json is not valid JSON/);
  });
});

describe('combineEnvironments', () => {
  it('unions the functions and reports variables they disagree on', () => {
    const combined = combineEnvironments(
      [fn('A', { X: '1', Y: 'same' }), fn('B', { X: '2', Y: 'same' })],
      resolver,
      {
        parameters: {},
        functions: {},
      },
    );
    expect(combined).toEqual({ values: { X: '2', Y: 'same' }, conflicts: ['X'] });
  });
});

describe('applyEnvironment', () => {
  it('lets the process environment win except for forced values, and restores everything it touched', () => {
    const env: NodeJS.ProcessEnv = { KEEP: 'mine', DATABASE_URL: 'postgres://elsewhere' };
    const restore = applyEnvironment(
      { KEEP: 'template', NEW: 'v' },
      { DATABASE_URL: 'postgres://local' },
      env,
    );
    expect(env).toEqual({ KEEP: 'mine', NEW: 'v', DATABASE_URL: 'postgres://local' });
    restore();
    expect(env).toEqual({ KEEP: 'mine', DATABASE_URL: 'postgres://elsewhere' });
  });
});
