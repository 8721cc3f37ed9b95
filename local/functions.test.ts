import { existsSync } from 'node:fs';
import path from 'node:path';
import { functionFolder, readFunctions } from './functions';
import { REPO_ROOT } from './paths';
import { createResolver, loadTemplate, parameterValues } from './template';

describe('functionFolder', () => {
  it.each([
    ['HealthFunction', 'health'],
    ['AiWorkerFunction', 'ai-worker'],
    ['OpenapiFunction', 'openapi'],
    ['HTTPProxyFunction', 'http-proxy'],
  ])('maps %s to functions/%s', (logicalId, folder) => {
    expect(functionFolder(logicalId)).toBe(folder);
  });
});

describe('readFunctions over template.yaml', () => {
  const template = loadTemplate(path.join(REPO_ROOT, 'template.yaml'));
  const functions = readFunctions(
    template,
    path.join(REPO_ROOT, 'functions'),
    createResolver(template, parameterValues(template)),
  );
  const byId = new Map(functions.map((fn) => [fn.logicalId, fn]));

  it('finds a handler source file for every function', () => {
    expect(functions.length).toBeGreaterThan(5);
    for (const fn of functions)
      expect([fn.logicalId, existsSync(fn.handlerFile)]).toEqual([fn.logicalId, true]);
  });

  it('takes Timeout and MemorySize from Globals unless the function sets its own', () => {
    expect(byId.get('HealthFunction')).toMatchObject({
      timeoutSeconds: 29,
      memoryMb: 512,
      exportName: 'handler',
    });
    expect(byId.get('AdminFunction')?.timeoutSeconds).toBe(300);
  });

  it('merges Globals environment variables with the function own', () => {
    const env = byId.get('ConversationsFunction')?.environment ?? {};
    expect(env).toHaveProperty('STAGE');
    expect(env).toHaveProperty('REPLY_QUEUE_URL');
  });
});
