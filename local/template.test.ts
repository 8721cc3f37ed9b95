// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these are CloudFormation Fn::Sub strings, not JS templates
import path from 'node:path';
import { REPO_ROOT } from './paths';
import { type CfnTemplate, createResolver, loadTemplate, parameterValues, resolveValue } from './template';

const template: CfnTemplate = {
  Parameters: {
    Stage: { Default: 'dev' },
    Domain: { Default: '' },
    Origins: { Default: ['a', 'b'] },
  },
  Conditions: {
    IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] },
    HasDomain: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'Domain' }, ''] }] },
    ProdWithDomain: { 'Fn::And': [{ Condition: 'IsProd' }, { Condition: 'HasDomain' }] },
    ProdOrDev: { 'Fn::Or': [{ Condition: 'IsProd' }, { 'Fn::Equals': [{ Ref: 'Stage' }, 'dev'] }] },
    Unknowable: { 'Fn::Equals': [{ Ref: 'SomeBucket' }, 'x'] },
  },
  Resources: {},
};

const resolverFor = (overrides: Record<string, string> = {}) =>
  createResolver(template, parameterValues(template, overrides), {
    ref: (name) => (name === 'Queue' ? 'http://queue' : undefined),
    getAtt: (name, attribute) => (name === 'Queue' && attribute === 'Arn' ? 'arn:queue' : undefined),
  });

describe('resolveValue', () => {
  const resolver = resolverFor();

  it('resolves Ref to parameter defaults, list defaults joined by commas', () => {
    expect(resolveValue({ Ref: 'Stage' }, resolver)).toBe('dev');
    expect(resolveValue({ Ref: 'Origins' }, resolver)).toBe('a,b');
  });

  it('lets overrides replace parameter defaults', () => {
    expect(resolveValue({ Ref: 'Stage' }, resolverFor({ Stage: 'prod' }))).toBe('prod');
  });

  it('resolves pseudo parameters and what the local server adds', () => {
    expect(resolveValue({ Ref: 'AWS::AccountId' }, resolver)).toBe('123456789012');
    expect(resolveValue({ Ref: 'Queue' }, resolver)).toBe('http://queue');
    expect(resolveValue({ 'Fn::GetAtt': ['Queue', 'Arn'] }, resolver)).toBe('arn:queue');
  });

  it('substitutes ${Name} and ${Resource.Attribute} in Fn::Sub, keeping ${!Literal}', () => {
    expect(resolveValue({ 'Fn::Sub': 'amianai-${Stage}-${Queue.Arn}-${!Literal}' }, resolver)).toBe(
      'amianai-dev-arn:queue-${Literal}',
    );
    expect(resolveValue({ 'Fn::Sub': ["'${Origin}'", { Origin: { Ref: 'Stage' } }] }, resolver)).toBe(
      "'dev'",
    );
  });

  it('joins with Fn::Join and picks Fn::If branches by condition', () => {
    expect(resolveValue({ 'Fn::Join': ['-', [{ Ref: 'Stage' }, 'x']] }, resolver)).toBe('dev-x');
    expect(resolveValue({ 'Fn::If': ['IsProd', 'yes', 'no'] }, resolver)).toBe('no');
    expect(resolveValue({ 'Fn::If': ['ProdOrDev', 'yes', 'no'] }, resolver)).toBe('yes');
    expect(
      resolveValue(
        { 'Fn::If': ['ProdWithDomain', 'yes', 'no'] },
        resolverFor({ Stage: 'prod', Domain: 'd' }),
      ),
    ).toBe('yes');
  });

  it('gives undefined for anything that exists only in AWS, so callers can leave it out', () => {
    expect(resolveValue({ Ref: 'SomeBucket' }, resolver)).toBeUndefined();
    expect(resolveValue({ 'Fn::GetAtt': 'Database.Endpoint.Address' }, resolver)).toBeUndefined();
    expect(resolveValue({ 'Fn::Sub': 'https://${Site.DomainName}' }, resolver)).toBeUndefined();
    expect(resolveValue({ 'Fn::Join': [',', ['a', { Ref: 'SomeBucket' }]] }, resolver)).toBeUndefined();
    expect(resolveValue({ 'Fn::If': ['Unknowable', 'a', 'b'] }, resolver)).toBeUndefined();
    expect(resolveValue({ 'Fn::If': ['IsProd', 'a', { Ref: 'AWS::NoValue' }] }, resolver)).toBeUndefined();
  });
});

describe('loadTemplate', () => {
  it('reads template.yaml with its short-form tags', () => {
    const loaded = loadTemplate(path.join(REPO_ROOT, 'template.yaml'));
    expect(loaded.Resources.HealthFunction?.Type).toBe('AWS::Serverless::Function');
    const events = loaded.Resources.ConversationsFunction?.Properties?.Events as Record<
      string,
      { Properties: unknown }
    >;
    expect(Object.values(events)[0]?.Properties).toMatchObject({ RestApiId: { Ref: 'Api' } });
  });
});
