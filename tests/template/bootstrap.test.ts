/**
 * deploy/bootstrap.yaml: the account setup docs/operations.md starts from. Its resources match the
 * published CloudFormation specification, and the deploy role holds exactly what sam deploy and the deploy
 * workflow need, scoped to the app's stacks.
 */
import path from 'node:path';
import { collectReferences, type JsonObject, loadTemplate, PSEUDO_PARAMETERS, ROOT } from './cfn';
import { ResourceSpec } from './resource-spec';

const bootstrap = loadTemplate(path.join(ROOT, 'deploy', 'bootstrap.yaml'));
const spec = new ResourceSpec();

function statementsOf(roleId: string): JsonObject[] {
  const policies = bootstrap.Resources[roleId]!.Properties!.Policies as JsonObject[];
  return policies.flatMap((p) => (p.PolicyDocument as JsonObject).Statement as JsonObject[]);
}

function sid(roleId: string, name: string): JsonObject {
  const found = statementsOf(roleId).find((s) => s.Sid === name);
  if (!found) throw new Error(`${roleId} has no statement ${name}`);
  return found;
}

const actions = (s: JsonObject) => [s.Action].flat().map(String);

describe('deploy/bootstrap.yaml', () => {
  it.each(Object.keys(bootstrap.Resources))('%s matches its resource type', (id) => {
    expect(spec.validate(id, bootstrap.Resources[id]!)).toEqual([]);
  });

  it('refers only to its own parameters, resources and conditions', () => {
    const names = new Set([
      ...Object.keys(bootstrap.Parameters),
      ...Object.keys(bootstrap.Resources),
      ...PSEUDO_PARAMETERS,
    ]);
    const refs = collectReferences(
      { Resources: bootstrap.Resources, Outputs: bootstrap.Outputs } as never,
      'bootstrap',
    );
    expect(refs.filter((r) => r.kind !== 'Condition' && !names.has(r.target))).toEqual([]);
    const conditions = new Set(Object.keys(bootstrap.Conditions));
    expect(refs.filter((r) => r.kind === 'Condition' && !conditions.has(r.target))).toEqual([]);
  });

  it('lets only the repository environments assume the deploy role, through GitHub OIDC', () => {
    const trust = (bootstrap.Resources.DeployRole!.Properties!.AssumeRolePolicyDocument as JsonObject)
      .Statement as JsonObject[];
    expect(trust).toHaveLength(1);
    expect(trust[0]!.Action).toBe('sts:AssumeRoleWithWebIdentity');
    const condition = trust[0]!.Condition as JsonObject;
    expect(condition.StringEquals).toEqual({
      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
    });
    expect(JSON.stringify(condition.StringLike)).toContain(':environment:');
  });

  it('gives the deploy role what the first change set needs: the SAM transform and a role to pass', () => {
    expect(sid('DeployRole', 'SamTransform')).toMatchObject({
      Action: 'cloudformation:CreateChangeSet',
      Resource: {
        'Fn::Sub': `arn:$\{AWS::Partition}:cloudformation:$\{AWS::Region}:aws:transform/Serverless-2016-10-31`,
      },
    });
    expect(actions(sid('DeployRole', 'AppStacks'))).toEqual(
      expect.arrayContaining([
        'cloudformation:CreateChangeSet',
        'cloudformation:ExecuteChangeSet',
        'cloudformation:DescribeStacks',
      ]),
    );
    expect(sid('DeployRole', 'HandOverToCloudFormation')).toMatchObject({
      Action: 'iam:PassRole',
      Resource: { 'Fn::GetAtt': ['CloudFormationExecutionRole', 'Arn'] },
      Condition: { StringEquals: { 'iam:PassedToService': 'cloudformation.amazonaws.com' } },
    });
  });

  it('gives the deploy role the workflow steps: artifacts, site sync with --delete, invalidation, invoke', () => {
    expect(actions(sid('DeployRole', 'SiteUpload'))).toEqual(
      expect.arrayContaining(['s3:ListBucket', 's3:PutObject', 's3:DeleteObject']),
    );
    expect(actions(sid('DeployRole', 'UploadArtifacts'))).toEqual(
      expect.arrayContaining(['s3:PutObject', 's3:GetObject']),
    );
    expect(actions(sid('DeployRole', 'SiteInvalidation'))).toContain('cloudfront:CreateInvalidation');
    expect(actions(sid('DeployRole', 'AdminInvoke'))).toEqual(['lambda:InvokeFunction']);
  });

  it('keeps the deploy role from writing anything outside the app stacks, the buckets and the admin function', () => {
    for (const s of statementsOf('DeployRole')) {
      const resources = [s.Resource].flat();
      const writes = actions(s).filter((a) => !/:(Get|List|Describe|Validate)/.test(a));
      if (resources.includes('*')) expect({ sid: s.Sid, writes }).toEqual({ sid: s.Sid, writes: [] });
      expect(actions(s).some((a) => a.endsWith(':*'))).toBe(false);
    }
  });

  it('lets CloudFormation create the first RDS instance or proxy (its service-linked role)', () => {
    const slr = sid('CloudFormationExecutionRole', 'ServiceLinkedRoles');
    expect(slr.Action).toBe('iam:CreateServiceLinkedRole');
    const services = ((slr.Condition as JsonObject).StringEquals as JsonObject)['iam:AWSServiceName'];
    expect(services).toEqual(expect.arrayContaining(['rds.amazonaws.com']));
  });

  it('limits the execution role IAM rights to roles named after the app stacks', () => {
    const roles = sid('CloudFormationExecutionRole', 'StackRoles');
    expect(JSON.stringify(roles.Resource)).toContain(`role/$\{StackNamePrefix}-*`);
    for (const s of statementsOf('CloudFormationExecutionRole')) {
      if (actions(s).some((a) => a.startsWith('iam:') && a !== 'iam:CreateServiceLinkedRole')) {
        expect(s.Resource).not.toBe('*');
      }
    }
  });

  it('outputs what the GitHub variables and sam deploy need', () => {
    expect(Object.keys(bootstrap.Outputs).sort()).toEqual(
      ['ArtifactsBucketName', 'CloudFormationExecutionRoleArn', 'DeployRoleArn', 'OidcProviderArn'].sort(),
    );
  });
});
