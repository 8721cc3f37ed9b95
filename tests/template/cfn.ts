/**
 * Reads template.yaml with CloudFormation's short-form tags (!Ref, !Sub, !GetAtt…) into the JSON form, and
 * walks every intrinsic in it, so tests can check references without a CloudFormation service.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { yamlParse } from 'yaml-cfn';

export const ROOT = path.resolve(__dirname, '..', '..');

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Resource {
  Type: string;
  Condition?: string;
  Properties?: JsonObject;
  Metadata?: JsonObject;
  DependsOn?: string | string[];
  DeletionPolicy?: string;
}

export interface Parameter {
  Type: string;
  Description?: string;
  Default?: string | number;
  AllowedValues?: (string | number)[];
}

export interface Template {
  Parameters: Record<string, Parameter>;
  Conditions: Record<string, Json>;
  Rules?: Record<string, JsonObject>;
  Globals: { Function: JsonObject };
  Resources: Record<string, Resource>;
  Outputs: Record<string, { Description?: string; Condition?: string; Value: Json }>;
  Mappings?: Record<string, Record<string, Record<string, Json>>>;
}

export function loadTemplate(file = path.join(ROOT, 'template.yaml')): Template {
  return yamlParse(readFileSync(file, 'utf8')) as Template;
}

export const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ "Ref": x }`, `{ "Fn::Sub": … }`, `{ "Condition": x }`: a one-key object whose key names an intrinsic. */
export function isIntrinsic(value: Json | undefined): value is JsonObject {
  if (!isObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0]!.startsWith('Fn::'));
}

export interface Reference {
  kind: 'Ref' | 'GetAtt' | 'Sub' | 'Condition';
  target: string;
  attribute?: string;
  at: string;
}

/** Names a `Fn::Sub` string refers to: `${Name}` and `${Name.Attr}`, minus `${!Literal}` and local variables. */
export function subReferences(text: string, locals: Set<string>): { target: string; attribute?: string }[] {
  const refs: { target: string; attribute?: string }[] = [];
  for (const match of text.matchAll(/\$\{([^}!][^}]*)\}/g)) {
    const name = match[1]!.trim();
    if (locals.has(name) || PSEUDO_PARAMETERS.has(name)) continue;
    const dot = name.indexOf('.');
    refs.push(dot < 0 ? { target: name } : { target: name.slice(0, dot), attribute: name.slice(dot + 1) });
  }
  return refs;
}

/** Every Ref, GetAtt, Sub reference and condition use under `node`. */
export function collectReferences(node: Json | undefined, at: string, out: Reference[] = []): Reference[] {
  if (Array.isArray(node)) {
    node.forEach((item, i) => {
      collectReferences(item, `${at}[${i}]`, out);
    });
    return out;
  }
  if (!isObject(node)) return out;
  for (const [key, value] of Object.entries(node)) {
    const here = `${at}.${key}`;
    if (key === 'Ref' && typeof value === 'string') out.push({ kind: 'Ref', target: value, at: here });
    else if (key === 'Condition' && typeof value === 'string')
      out.push({ kind: 'Condition', target: value, at: here });
    else if (key === 'Fn::If' && Array.isArray(value) && typeof value[0] === 'string') {
      out.push({ kind: 'Condition', target: value[0], at: here });
      collectReferences(value.slice(1), here, out);
      continue;
    } else if (key === 'Fn::GetAtt') {
      const [target, ...attr] = Array.isArray(value) ? value.map(String) : String(value).split('.');
      out.push({ kind: 'GetAtt', target: target!, attribute: attr.join('.'), at: here });
      continue;
    } else if (key === 'Fn::Sub') {
      const [text, vars] = Array.isArray(value) ? [value[0], value[1]] : [value, undefined];
      const locals = new Set(isObject(vars) ? Object.keys(vars) : []);
      if (typeof text === 'string') {
        for (const ref of subReferences(text, locals)) out.push({ kind: 'Sub', ...ref, at: here });
      }
      collectReferences(vars, here, out);
      continue;
    }
    collectReferences(value, here, out);
  }
  return out;
}

/** `!Ref Api.Stage`-style references SAM resolves for the resources it expands. */
export const SAM_GENERATED_REFS: Record<string, string[]> = {
  'AWS::Serverless::Api': ['Stage', 'Deployment'],
  'AWS::Serverless::Function': ['Alias', 'Version'],
};
