/**
 * Reads template.yaml as CloudFormation sees it (short-form tags such as `!Ref` included) and resolves the
 * few intrinsic functions the local server needs. What cannot be resolved locally comes back as undefined,
 * never as a guess, so callers can leave it out.
 */
import { readFileSync } from 'node:fs';
import { yamlParse } from 'yaml-cfn';

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
}

export interface CfnTemplate {
  Parameters?: Record<string, { Type?: string; Default?: unknown }>;
  Conditions?: Record<string, unknown>;
  Globals?: Record<string, Record<string, unknown> | undefined>;
  Resources: Record<string, CfnResource>;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function loadTemplate(file: string): CfnTemplate {
  const parsed: unknown = yamlParse(readFileSync(file, 'utf8'));
  if (!isRecord(parsed) || !isRecord(parsed.Resources)) throw new Error(`${file} has no Resources section`);
  return parsed as unknown as CfnTemplate;
}

/** Resources of one type, as [logicalId, resource] pairs in template order. */
export function resourcesOfType(template: CfnTemplate, type: string): Array<[string, CfnResource]> {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

/** Answers `!Ref`, `!GetAtt` and named Conditions for what the local server knows about. */
export interface Resolver {
  ref(name: string): string | undefined;
  getAtt(resource: string, attribute: string): string | undefined;
  condition(name: string): boolean | undefined;
}

export const LOCAL_ACCOUNT_ID = '123456789012';
export const LOCAL_STACK_NAME = 'amianai-local';

export function localRegion(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1';
}

function pseudoParameter(name: string): string | undefined {
  switch (name) {
    case 'AWS::Region':
      return localRegion();
    case 'AWS::AccountId':
      return LOCAL_ACCOUNT_ID;
    case 'AWS::StackName':
      return LOCAL_STACK_NAME;
    case 'AWS::Partition':
      return 'aws';
    case 'AWS::URLSuffix':
      return 'amazonaws.com';
    default:
      return undefined;
  }
}

/**
 * Template parameter values: each Default, overridden by `overrides` (env.json's `Parameters` block) for
 * names the template declares.
 */
export function parameterValues(
  template: CfnTemplate,
  overrides: Record<string, string> = {},
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, spec] of Object.entries(template.Parameters ?? {})) {
    const override = overrides[name];
    if (override !== undefined) values[name] = override;
    else if (spec.Default !== undefined)
      values[name] = Array.isArray(spec.Default) ? spec.Default.join(',') : String(spec.Default);
  }
  return values;
}

/**
 * A resolver over parameters, pseudo parameters and the template's Conditions, extended by `more` (the local
 * queues, for instance). Every other resource is unknown locally.
 */
export function createResolver(
  template: CfnTemplate,
  parameters: Record<string, string>,
  more: Partial<Pick<Resolver, 'ref' | 'getAtt'>> = {},
): Resolver {
  const evaluating = new Set<string>();
  const resolver: Resolver = {
    ref: (name) => parameters[name] ?? pseudoParameter(name) ?? more.ref?.(name),
    getAtt: (resource, attribute) => more.getAtt?.(resource, attribute),
    condition: (name) => {
      if (evaluating.has(name)) return undefined; // a cycle: the template is invalid anyway
      evaluating.add(name);
      try {
        return evaluateCondition(template.Conditions?.[name], resolver);
      } finally {
        evaluating.delete(name);
      }
    },
  };
  return resolver;
}

/** Fn::Equals / Not / And / Or / Condition; undefined when any part cannot be resolved locally. */
export function evaluateCondition(expression: unknown, resolver: Resolver): boolean | undefined {
  if (!isRecord(expression)) return undefined;
  if (typeof expression.Condition === 'string') return resolver.condition(expression.Condition);
  const [fn, args] = Object.entries(expression)[0] ?? [];
  if (!Array.isArray(args)) return undefined;
  if (fn === 'Fn::Equals') {
    const [a, b] = args.map((arg) => resolveValue(arg, resolver));
    return a === undefined || b === undefined ? undefined : a === b;
  }
  const values = args.map((arg) => evaluateCondition(arg, resolver));
  if (values.includes(undefined)) return undefined;
  if (fn === 'Fn::Not') return !values[0];
  if (fn === 'Fn::And') return values.every(Boolean);
  if (fn === 'Fn::Or') return values.some(Boolean);
  return undefined;
}

/** Resolves a scalar template value (string, number, Ref, GetAtt, Sub, Join, If); undefined when it cannot. */
export function resolveValue(value: unknown, resolver: Resolver): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (!isRecord(value) || Object.keys(value).length !== 1) return undefined;
  if ('Ref' in value) return typeof value.Ref === 'string' ? resolver.ref(value.Ref) : undefined;
  if ('Fn::GetAtt' in value) {
    const target = value['Fn::GetAtt'];
    const [resource, attribute] =
      typeof target === 'string' ? target.split('.', 2) : Array.isArray(target) ? target : [];
    return typeof resource === 'string' && typeof attribute === 'string'
      ? resolver.getAtt(resource, attribute)
      : undefined;
  }
  if ('Fn::Sub' in value) return resolveSub(value['Fn::Sub'], resolver);
  if ('Fn::If' in value) {
    const args = value['Fn::If'];
    if (!Array.isArray(args) || typeof args[0] !== 'string') return undefined;
    const holds = resolver.condition(args[0]);
    return holds === undefined ? undefined : resolveValue(holds ? args[1] : args[2], resolver);
  }
  if ('Fn::Join' in value) {
    const args = value['Fn::Join'];
    if (!Array.isArray(args) || typeof args[0] !== 'string' || !Array.isArray(args[1])) return undefined;
    const parts = args[1].map((part) => resolveValue(part, resolver));
    return parts.every((part) => part !== undefined) ? parts.join(args[0]) : undefined;
  }
  return undefined;
}

function resolveSub(arg: unknown, resolver: Resolver): string | undefined {
  const [text, vars] = typeof arg === 'string' ? [arg, {}] : Array.isArray(arg) ? [arg[0], arg[1] ?? {}] : [];
  if (typeof text !== 'string' || !isRecord(vars)) return undefined;
  let unresolved = false;
  const result = text.replace(/\$\{([^}!][^}]*)\}/g, (_match, name: string) => {
    const resolved =
      name in vars
        ? resolveValue(vars[name], resolver)
        : name.includes('.')
          ? resolver.getAtt(name.slice(0, name.indexOf('.')), name.slice(name.indexOf('.') + 1))
          : resolver.ref(name);
    if (resolved === undefined) unresolved = true;
    return resolved ?? '';
  });
  // `${!Literal}` is CloudFormation's escape for a literal `${Literal}`.
  return unresolved ? undefined : result.replace(/\$\{!/g, '${');
}
