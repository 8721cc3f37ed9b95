/**
 * Validates resources against AWS's CloudFormation resource specification as published on npm in
 * @aws-cdk/aws-service-spec (the registry schemas CloudFormation itself serves, plus SAM's resource types).
 * CloudFormation resources get full checks: known type, known properties, required properties, and the
 * shape of literal values (intrinsics are accepted where a value goes). SAM resources get known-property
 * checks only: the package's SAM entries predate several SAM properties, listed in SAM_ADDITIONS.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { isIntrinsic, isObject, type Json, type Resource } from './cfn';

interface SpecType {
  type: string;
  element?: SpecType;
  types?: SpecType[];
  reference?: { $ref: string };
}

interface SpecProperty {
  type: SpecType;
  required?: boolean;
}

interface SpecShape {
  properties: Record<string, SpecProperty>;
  attributes?: Record<string, unknown>;
}

interface SpecDb {
  schema: {
    resource: { entities: (SpecShape & { $id: string; cloudFormationType: string })[] };
    typeDefinition: { entities: (SpecShape & { $id: string })[] };
  };
}

/** SAM properties documented by SAM but missing from the package's SAM entries. */
export const SAM_ADDITIONS: Record<string, string[]> = {
  'AWS::Serverless::Function': [
    'LoggingConfig',
    'RuntimeManagementConfig',
    'SnapStart',
    'RecursiveLoop',
    'PropagateTags',
  ],
  'AWS::Serverless::LayerVersion': ['CompatibleArchitectures', 'PublishLambdaVersion'],
  'AWS::Serverless::Api': ['ApiKeySourceType', 'FailOnWarnings', 'Mode', 'MergeDefinitions', 'PropagateTags'],
};

export class ResourceSpec {
  private readonly resources = new Map<string, SpecShape>();
  private readonly types = new Map<string, SpecShape>();

  constructor() {
    const file = require.resolve('@aws-cdk/aws-service-spec/db.json.gz');
    const db = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as SpecDb;
    for (const r of db.schema.resource.entities) this.resources.set(r.cloudFormationType, r);
    for (const t of db.schema.typeDefinition.entities) this.types.set(t.$id, t);
  }

  has(type: string): boolean {
    return this.resources.has(type);
  }

  attributes(type: string): string[] {
    return Object.keys(this.resources.get(type)?.attributes ?? {});
  }

  /** Problems with one resource, as readable strings (empty when it conforms). */
  validate(id: string, resource: Resource): string[] {
    // A Custom:: type is a CloudFormation custom resource with a name of its own choosing.
    const type = resource.Type.startsWith('Custom::') ? 'AWS::CloudFormation::CustomResource' : resource.Type;
    const spec = this.resources.get(type);
    if (!spec) return [`${id}: unknown resource type ${resource.Type}`];
    if (type === 'AWS::CloudFormation::CustomResource') {
      // Every property but ServiceToken (and ServiceTimeout) is the provider's own input.
      return resource.Properties?.ServiceToken ? [] : [`${id}: missing required ServiceToken`];
    }
    const props = resource.Properties ?? {};
    if (resource.Type.startsWith('AWS::Serverless::')) {
      const known = new Set([...Object.keys(spec.properties), ...(SAM_ADDITIONS[resource.Type] ?? [])]);
      return Object.keys(props)
        .filter((p) => !known.has(p))
        .map((p) => `${id}: ${resource.Type} has no property ${p}`);
    }
    return this.checkShape(`${id}`, spec, props);
  }

  private checkShape(at: string, shape: SpecShape, value: Json): string[] {
    if (isIntrinsic(value)) return [];
    if (!isObject(value)) return [`${at}: expected an object`];
    const problems: string[] = [];
    for (const [name, prop] of Object.entries(shape.properties)) {
      if (prop.required && value[name] === undefined) problems.push(`${at}: missing required ${name}`);
    }
    for (const [name, v] of Object.entries(value)) {
      const prop = shape.properties[name];
      if (!prop) problems.push(`${at}: unknown property ${name}`);
      else problems.push(...this.checkValue(`${at}.${name}`, prop.type, v));
    }
    return problems;
  }

  private checkValue(at: string, type: SpecType, value: Json): string[] {
    if (isIntrinsic(value)) return [];
    switch (type.type) {
      case 'string':
      case 'date-time':
        return ['string', 'number', 'boolean'].includes(typeof value) ? [] : [`${at}: expected a string`];
      case 'number':
      case 'integer':
        return typeof value === 'number' ||
          (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(+value))
          ? []
          : [`${at}: expected a number`];
      case 'boolean':
        return typeof value === 'boolean' || value === 'true' || value === 'false'
          ? []
          : [`${at}: expected a boolean`];
      case 'array':
        if (!Array.isArray(value)) return [`${at}: expected a list`];
        return value.flatMap((item, i) => this.checkValue(`${at}[${i}]`, type.element!, item));
      case 'map':
        if (!isObject(value)) return [`${at}: expected a map`];
        return Object.entries(value).flatMap(([k, v]) => this.checkValue(`${at}.${k}`, type.element!, v));
      case 'ref': {
        const def = this.types.get(type.reference!.$ref);
        return def ? this.checkShape(at, def, value) : [];
      }
      case 'union':
        return type.types!.some((t) => this.checkValue(at, t, value).length === 0)
          ? []
          : [`${at}: matches none of its allowed shapes`];
      default:
        return [];
    }
  }
}
