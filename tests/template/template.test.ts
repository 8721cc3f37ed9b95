/** template.yaml as a spec: references resolve, conditions are used, parameters are documented, outputs exist. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  collectReferences,
  isObject,
  loadTemplate,
  PSEUDO_PARAMETERS,
  type Reference,
  ROOT,
  SAM_GENERATED_REFS,
} from './cfn';
import { ResourceSpec } from './resource-spec';

const template = loadTemplate();
const resourceIds = new Set(Object.keys(template.Resources));
const parameterIds = new Set(Object.keys(template.Parameters));
const spec = new ResourceSpec();

function referencesIn(section: 'Resources' | 'Outputs' | 'Globals' | 'Conditions'): Reference[] {
  return collectReferences(template[section] as never, section);
}
const allRefs = [
  ...referencesIn('Resources'),
  ...referencesIn('Outputs'),
  ...referencesIn('Globals'),
  ...referencesIn('Conditions'),
];

describe('template.yaml structure', () => {
  it('is a SAM template with the sections in reading order', () => {
    const text = readFileSync(path.join(ROOT, 'template.yaml'), 'utf8');
    const order = ['Parameters:', 'Rules:', 'Conditions:', 'Globals:', 'Resources:', 'Outputs:'].map((s) =>
      text.indexOf(`\n${s}`),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toMatch(/^AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31/);
  });

  it('gives every parameter a type and a description', () => {
    for (const [name, p] of Object.entries(template.Parameters)) {
      expect({ name, type: typeof p.Type, described: (p.Description ?? '').length > 10 }).toEqual({
        name,
        type: 'string',
        described: true,
      });
    }
  });

  it('uses every parameter somewhere', () => {
    const used = new Set(allRefs.filter((r) => r.kind === 'Ref' || r.kind === 'Sub').map((r) => r.target));
    const rules = collectReferences(template.Rules as never, 'Rules');
    for (const r of rules) used.add(r.target);
    expect([...parameterIds].filter((p) => !used.has(p))).toEqual([]);
  });
});

describe('references', () => {
  it('points every Ref at a parameter, a resource or a pseudo parameter', () => {
    const bad = allRefs
      .filter((r) => r.kind === 'Ref')
      .filter((r) => {
        if (parameterIds.has(r.target) || resourceIds.has(r.target) || PSEUDO_PARAMETERS.has(r.target))
          return false;
        const [id, generated] = r.target.split('.');
        const resource = template.Resources[id!];
        if (resource && SAM_GENERATED_REFS[resource.Type]?.includes(generated!)) return false;
        // SAM names the execution role it creates for a function without a Role `<FunctionId>Role`.
        const fn = template.Resources[r.target.replace(/Role$/, '')];
        return !(fn?.Type === 'AWS::Serverless::Function' && !fn.Properties?.Role);
      });
    expect(bad).toEqual([]);
  });

  it('points every GetAtt at a resource attribute the resource type has', () => {
    const bad = allRefs
      .filter((r) => r.kind === 'GetAtt' || (r.kind === 'Sub' && r.attribute))
      .filter((r) => {
        const resource = template.Resources[r.target];
        if (!resource) return true;
        if (!spec.has(resource.Type) || resource.Type.startsWith('AWS::Serverless::')) return false;
        return !spec.attributes(resource.Type).includes(r.attribute!);
      });
    expect(bad).toEqual([]);
  });

  it('points every name substituted by a Sub at a parameter or resource', () => {
    const bad = allRefs
      .filter((r) => r.kind === 'Sub' && !r.attribute)
      .filter((r) => !parameterIds.has(r.target) && !resourceIds.has(r.target));
    expect(bad).toEqual([]);
  });
});

describe('conditions', () => {
  const defined = new Set(Object.keys(template.Conditions));
  const usedByResources = Object.values(template.Resources)
    .map((r) => r.Condition)
    .filter((c): c is string => Boolean(c));
  const usedInValues = allRefs.filter((r) => r.kind === 'Condition').map((r) => r.target);

  it('uses only conditions it defines', () => {
    expect([...usedByResources, ...usedInValues].filter((c) => !defined.has(c))).toEqual([]);
  });

  it('uses every condition it defines', () => {
    const used = new Set([...usedByResources, ...usedInValues]);
    expect([...defined].filter((c) => !used.has(c))).toEqual([]);
  });

  it('gives a resource that references a conditional resource the same (or a stronger) condition', () => {
    const implies: Record<string, string[]> = {
      CreateDatabase: ['UseVpc'],
      CreateNetwork: ['UseVpc'],
      TwoNatGateways: ['CreateNetwork', 'UseVpc'],
      CreateInterfaceEndpoints: ['CreateNetwork', 'UseVpc'],
      UseRdsProxy: ['CreateDatabase', 'UseVpc'],
      HasApiDnsRecord: ['HasApiDomain', 'HasHostedZone'],
      HasSiteDnsRecord: ['HasSiteDomain', 'HasHostedZone'],
    };
    const problems: string[] = [];
    for (const [id, resource] of Object.entries(template.Resources)) {
      // References inside Fn::If branches are guarded by that If; only unguarded ones must match.
      const refs = collectReferences(stripIfs(resource.Properties ?? {}) as never, id);
      for (const ref of refs) {
        const target = template.Resources[ref.target];
        if (!target?.Condition || ref.kind === 'Condition') continue;
        const mine = resource.Condition;
        const ok = mine === target.Condition || (mine && implies[mine]?.includes(target.Condition));
        if (!ok) problems.push(`${id} (${mine ?? 'always'}) → ${ref.target} (${target.Condition})`);
      }
    }
    expect(problems).toEqual([]);
  });
});

function stripIfs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripIfs);
  if (!node || typeof node !== 'object') return node;
  if ('Fn::If' in node) return null;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, stripIfs(v)]));
}

describe('resource specification (published CloudFormation/SAM spec)', () => {
  it.each(Object.keys(template.Resources))('%s matches its resource type', (id) => {
    expect(spec.validate(id, template.Resources[id]!)).toEqual([]);
  });
});

describe('outputs', () => {
  it.each([
    'ApiUrl',
    'SiteUrl',
    'UserPoolId',
    'UserPoolClientId',
    'AuthAuthority',
    'AuthDomainUrl',
    'SiteBucketName',
    'DistributionId',
    'AdminFunctionName',
  ])('outputs %s with a description', (name) => {
    const output = template.Outputs[name];
    expect(output?.Value).toBeDefined();
    expect(output?.Description).toEqual(expect.any(String));
  });

  it('outputs the custom API domain when one is set, else the stage URL', () => {
    const value = template.Outputs.ApiUrl!.Value;
    expect(isObject(value) && Array.isArray(value['Fn::If']) && value['Fn::If'][0]).toBe('HasApiDomain');
  });
});
