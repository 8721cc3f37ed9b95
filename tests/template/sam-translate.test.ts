/**
 * template.yaml through AWS's own SAM translator, as CloudFormation would transform it: with the default
 * parameters, with dev's and with a full prod parameter set (every optional feature on). The result must
 * have one API stage (not SAM's extra "Stage"), and every generated resource must match the published
 * CloudFormation specification. Skipped, with a line saying why, where the translator cannot run.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { collectReferences, ROOT } from './cfn';
import { ResourceSpec } from './resource-spec';
import { describeWithTranslator, type Transformed, translate } from './sam-translator';

const ACCOUNT = '123456789012';

/** A stage's samconfig.toml parameter_overrides, as scripts/deploy-parameters.mjs prints them. */
function samconfigOverrides(stage: string): Record<string, string> {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'deploy-parameters.mjs'), stage], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
  });
  if (result.status !== 0) throw new Error(result.stderr);
  return Object.fromEntries(
    result.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const m = /^(\w+)="(.*)"$/.exec(line);
        if (!m) throw new Error(`unexpected line ${line}`);
        return [m[1]!, m[2]!];
      }),
  );
}

/** Prod as the deploy workflow passes it for an account with domains, SES and an existing stack. */
export const PROD_PARAMETERS: Record<string, string> = {
  ...samconfigOverrides('prod'),
  ApiDomainName: 'api.amianai.com',
  ApiCertificateArn: `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/00000000-0000-0000-0000-000000000001`,
  SiteDomainName: 'amianai.com',
  SiteCertificateArn: `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/00000000-0000-0000-0000-000000000002`,
  HostedZoneId: 'Z0000000000000000000',
  AuthDomainPrefix: 'amianai-login',
  CreateInterfaceEndpoints: 'true',
  EnableRdsProxy: 'true',
  SesIdentityArn: `arn:aws:ses:us-east-1:${ACCOUNT}:identity/amianai.com`,
  EmailFromAddress: 'AmIAnAI <no-reply@amianai.com>',
  AlarmEmail: 'ops@amianai.com',
  DeletionProtection: 'true',
  ManageApiGatewayAccount: 'false',
};

const PARAMETER_SETS: Record<string, Record<string, string>> = {
  default: {},
  dev: samconfigOverrides('dev'),
  prod: PROD_PARAMETERS,
};

const spec = new ResourceSpec();

function ofType(out: Transformed, type: string) {
  return Object.entries(out.Resources).filter(([, r]) => r.Type === type);
}

describeWithTranslator('SAM translator', () => {
  describe.each(Object.keys(PARAMETER_SETS))('with the %s parameters', (name) => {
    const result = () => translate(PARAMETER_SETS[name]);

    it('transforms without an error', () => {
      const { ok, output } = result();
      if (!ok) throw new Error(`the SAM translator rejected template.yaml:\n${output}`);
      expect(output).toMatch(/OK: \d+ CloudFormation resources/);
    });

    it('creates one API stage, named after the Stage parameter, and no stage called "Stage"', () => {
      const stages = ofType(result().template!, 'AWS::ApiGateway::Stage');
      expect(stages.map(([, r]) => r.Properties!.StageName)).toEqual([{ Ref: 'Stage' }]);
    });

    it('generates only resources that match the published CloudFormation specification', () => {
      const out = result().template!;
      const problems = Object.entries(out.Resources).flatMap(([id, r]) => spec.validate(id, r));
      expect(problems).toEqual([]);
    });

    it('publishes a live alias per function, shifted by CodeDeploy and rolled back on the alarms', () => {
      const out = result().template!;
      const functions = ofType(out, 'AWS::Lambda::Function');
      expect(ofType(out, 'AWS::Lambda::Alias')).toHaveLength(functions.length);
      const groups = ofType(out, 'AWS::CodeDeploy::DeploymentGroup');
      expect(groups).toHaveLength(functions.length);
      for (const [, group] of groups) {
        expect(JSON.stringify(group.Properties!.AlarmConfiguration)).toContain('Api5xxAlarm');
        expect(JSON.stringify(group.Properties!.AlarmConfiguration)).toContain('AiReplyFailureAlarm');
      }
    });

    it('runs migrations before the other functions change, through the admin function', () => {
      const out = result().template!;
      const migrations = out.Resources.DatabaseMigrations!;
      expect(migrations.Properties!.ServiceToken).toEqual({ 'Fn::GetAtt': ['AdminFunction', 'Arn'] });
      for (const id of ['UsersFunction', 'PersonasFunction', 'ConversationsFunction', 'AiWorkerFunction']) {
        expect([out.Resources[id]!.DependsOn].flat()).toContain('DatabaseMigrations');
      }
      expect([out.Resources.AdminFunction!.DependsOn].flat()).not.toContain('DatabaseMigrations');
    });
  });

  it('migrates only once the created network routes to Secrets Manager and the S3 response URL', () => {
    const out = translate(PROD_PARAMETERS).template!;
    const ready = JSON.stringify(out.Resources.DatabaseMigrations!.Properties!.NetworkReady);
    for (const id of ['PrivateDefaultRouteA', 'PrivateDefaultRouteB', 'S3GatewayEndpoint']) {
      expect(ready).toContain(id);
    }
  });

  it('rolls prod traffic over gradually', () => {
    const out = translate(PROD_PARAMETERS).template!;
    const group = ofType(out, 'AWS::CodeDeploy::DeploymentGroup')[0]![1];
    expect(JSON.stringify(group.Properties!.DeploymentConfigName)).toContain('Canary10Percent5Minutes');
  });
});

describeWithTranslator('SAM translator output dependencies', () => {
  it('has no dependency cycle under the full prod parameters (CloudFormation would reject it)', () => {
    const out = translate(PROD_PARAMETERS).template!;
    const edges = new Map<string, Set<string>>();
    for (const [id, r] of Object.entries(out.Resources)) {
      const targets = new Set<string>([r.DependsOn ?? []].flat());
      for (const ref of collectReferences(r.Properties as never, id)) {
        if (ref.kind !== 'Condition' && out.Resources[ref.target]) targets.add(ref.target);
      }
      edges.set(id, targets);
    }
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (id: string, trail: string[]) => {
      if (state.get(id) === 'done') return;
      if (state.get(id) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(id)), id].join(' → '));
        return;
      }
      state.set(id, 'open');
      for (const next of edges.get(id) ?? []) visit(next, [...trail, id]);
      state.set(id, 'done');
    };
    for (const id of edges.keys()) visit(id, []);
    expect(cycles).toEqual([]);
  });
});
