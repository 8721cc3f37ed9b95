/** Every function is built, traced, logged and configured the same way, as docs/design.md and docs/operations.md describe. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Json, type JsonObject, loadTemplate, type Resource, ROOT } from './cfn';

const template = loadTemplate();
const globals = template.Globals.Function;
const functions = Object.entries(template.Resources).filter(
  ([, r]) => r.Type === 'AWS::Serverless::Function',
);
const functionIds = functions.map(([id]) => id);

/** A function property after SAM's Globals merge (function value wins; env variables merge). */
function effective(resource: Resource, name: string): Json | undefined {
  return resource.Properties?.[name] ?? globals[name];
}

function folderOf(id: string): string {
  return id
    .replace(/Function$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
}

const makefile = readFileSync(path.join(ROOT, 'Makefile'), 'utf8');

describe('functions', () => {
  it('declares the functions of the design, plus the OpenAPI document and the two WebSocket functions', () => {
    expect(functionIds.sort()).toEqual(
      [
        'AdminFunction',
        'AiFunction',
        'AiWorkerFunction',
        'ConversationsFunction',
        'GamesFunction',
        'HealthFunction',
        'OpenapiFunction',
        'PersonasFunction',
        'SweeperFunction',
        'UsersFunction',
        'WsConnectAuthorizerFunction',
        'WsConnectionsFunction',
      ].sort(),
    );
  });

  it('runs every function on nodejs24.x, arm64, 512 MB, with active tracing and source maps', () => {
    for (const [id, fn] of functions) {
      expect({
        id,
        runtime: effective(fn, 'Runtime'),
        arch: effective(fn, 'Architectures'),
        memory: effective(fn, 'MemorySize'),
        tracing: effective(fn, 'Tracing'),
      }).toEqual({ id, runtime: 'nodejs24.x', arch: ['arm64'], memory: 512, tracing: 'Active' });
    }
    expect((globals.Environment as JsonObject).Variables).toMatchObject({
      NODE_OPTIONS: '--enable-source-maps',
    });
  });

  it('gives every function the shared layer', () => {
    for (const [, fn] of functions) expect(effective(fn, 'Layers')).toEqual([{ Ref: 'SharedLayer' }]);
    expect(template.Resources.SharedLayer).toMatchObject({
      Type: 'AWS::Serverless::LayerVersion',
      Properties: { ContentUri: '.', CompatibleRuntimes: ['nodejs24.x'], CompatibleArchitectures: ['arm64'] },
      Metadata: { BuildMethod: 'makefile', BuildArchitecture: 'arm64' },
    });
  });

  it.each(functionIds)('%s is built by the Makefile from functions/<name>/handler.ts', (id) => {
    const fn = template.Resources[id]!;
    expect(fn.Properties).toMatchObject({ CodeUri: '.', Handler: 'handler.handler' });
    expect(fn.Metadata).toEqual({ BuildMethod: 'makefile' });
    expect(makefile).toMatch(new RegExp(`^build-${id}:\\n\\t\\$\\(BUILD\\) function ${folderOf(id)} `, 'm'));
    expect(existsSync(path.join(ROOT, 'functions', folderOf(id), 'handler.ts'))).toBe(true);
  });

  it('has a Makefile target for the layer and for nothing that is not in the template', () => {
    expect(makefile).toMatch(/^build-SharedLayer:\n\t\$\(BUILD\) layer "\$\(ARTIFACTS_DIR\)"/m);
    const targets = [...makefile.matchAll(/^build-(\w+):/gm)].map((m) => m[1]);
    expect(targets.sort()).toEqual(['SharedLayer', ...functionIds].sort());
  });

  it.each(functionIds)('%s logs to its own log group with the retention parameter', (id) => {
    const logGroup = (template.Resources[id]!.Properties?.LoggingConfig as JsonObject | undefined)?.LogGroup;
    expect(logGroup).toEqual({ Ref: expect.any(String) });
    const group = template.Resources[(logGroup as { Ref: string }).Ref]!;
    expect(group.Type).toBe('AWS::Logs::LogGroup');
    expect(group.Properties?.RetentionInDays).toEqual({ Ref: 'LogRetentionDays' });
  });

  it('runs the functions in the private subnets of the created network or the given VPC', () => {
    expect(globals.VpcConfig).toEqual({
      'Fn::If': [
        'UseVpc',
        {
          SecurityGroupIds: [{ Ref: 'FunctionSecurityGroup' }],
          SubnetIds: {
            'Fn::If': [
              'CreateNetwork',
              [{ Ref: 'PrivateSubnetA' }, { Ref: 'PrivateSubnetB' }],
              { Ref: 'PrivateSubnetIds' },
            ],
          },
        },
        { Ref: 'AWS::NoValue' },
      ],
    });
  });

  it('passes the documented environment names', () => {
    const vars = Object.keys((globals.Environment as JsonObject).Variables as JsonObject);
    expect(vars).toEqual(
      expect.arrayContaining(['STAGE', 'ALLOWED_ORIGINS', 'DB_SECRET_ARN', 'DB_HOST', 'DB_PORT', 'DB_NAME']),
    );
  });

  it('gives the OpenAI secret only to the AI functions', () => {
    const withOpenAi = functions
      .filter(([, fn]) => {
        const env = (fn.Properties?.Environment as JsonObject | undefined)?.Variables as
          | JsonObject
          | undefined;
        return env?.OPENAI_SECRET_ARN !== undefined;
      })
      .map(([id]) => id);
    expect(withOpenAi.sort()).toEqual(['AiFunction', 'AiWorkerFunction']);
  });

  it('consumes the reply queue with partial batch failures and sends to exactly that queue', () => {
    const worker = template.Resources.AiWorkerFunction!.Properties!;
    expect((worker.Events as JsonObject).Replies).toMatchObject({
      Type: 'SQS',
      Properties: {
        Queue: { 'Fn::GetAtt': ['ReplyQueue', 'Arn'] },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      },
    });
    expect(template.Resources.ReplyQueue!.Properties).toMatchObject({
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['ReplyDeadLetterQueue', 'Arn'] } },
    });
    // Visibility must outlast the worker's timeout, or a slow reply is delivered twice.
    expect(Number(template.Resources.ReplyQueue!.Properties!.VisibilityTimeout)).toBeGreaterThanOrEqual(
      6 * Number(worker.Timeout),
    );
  });

  it('runs the sweeper on a schedule', () => {
    expect((template.Resources.SweeperFunction!.Properties!.Events as JsonObject).EveryMinute).toMatchObject({
      Type: 'Schedule',
      Properties: { Schedule: 'rate(1 minute)' },
    });
  });

  it('alarms on the dead-letter queue depth', () => {
    expect(template.Resources.ReplyDeadLetterAlarm!.Properties).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['ReplyDeadLetterQueue', 'QueueName'] } }],
      AlarmActions: [{ Ref: 'AlarmTopic' }],
    });
  });
});
