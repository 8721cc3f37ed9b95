/**
 * The environment the handlers see, built as `sam local start-api --env-vars env.json` builds it: the template's
 * Globals and function `Environment` (intrinsics resolved, unresolvable values left out), then env.json's
 * `Parameters` block (applies to every function), then its per-function block. The process environment wins.
 *
 * All handlers run in this one process, so the union over functions is applied to `process.env` once.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { FunctionSpec } from './functions';
import { isRecord, type Resolver, resolveValue } from './template';

export interface EnvFile {
  /** `Parameters`: variables for every function (and overrides for template parameters of the same name). */
  parameters: Record<string, string>;
  /** Per logical id. */
  functions: Record<string, Record<string, string>>;
}

function stringValues(block: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(block)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      values[key] = String(value);
  }
  return values;
}

/** Reads an env.json file; a missing file is an empty one. */
export function readEnvFile(file: string | undefined): EnvFile {
  const empty: EnvFile = { parameters: {}, functions: {} };
  if (!file || !existsSync(file)) return empty;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (!isRecord(parsed)) throw new Error(`${file} must hold a JSON object like {"Parameters": {...}}`);
  for (const [key, block] of Object.entries(parsed)) {
    if (!isRecord(block)) continue;
    if (key === 'Parameters') empty.parameters = stringValues(block);
    else empty.functions[key] = stringValues(block);
  }
  return empty;
}

/** The stage of a local server when nothing says otherwise; the only stage that issues dev tokens. */
export const LOCAL_STAGE = 'local';

/**
 * The local server's stage: STAGE from the process, else env.json's `Parameters` (`STAGE` or the template's
 * `Stage`), else `local`. Never the template's default (`dev`): a plain `npm start` is local.
 */
export function localStage(envFile: EnvFile, env: NodeJS.ProcessEnv = process.env): string {
  return env.STAGE?.trim() || envFile.parameters.STAGE || envFile.parameters.Stage || LOCAL_STAGE;
}

/** One function's variables, as that function would see them in `sam local` (before the process environment). */
export function functionEnvironment(
  fn: FunctionSpec,
  resolver: Resolver,
  envFile: EnvFile,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, raw] of Object.entries(fn.environment)) {
    const resolved = resolveValue(raw, resolver);
    if (resolved !== undefined) values[name] = resolved;
  }
  return { ...values, ...envFile.parameters, ...envFile.functions[fn.logicalId] };
}

export interface CombinedEnvironment {
  values: Record<string, string>;
  /** Variables two functions set to different values; the later function's value is used. */
  conflicts: string[];
}

export function combineEnvironments(
  functions: FunctionSpec[],
  resolver: Resolver,
  envFile: EnvFile,
): CombinedEnvironment {
  const values: Record<string, string> = {};
  const conflicts = new Set<string>();
  for (const fn of functions) {
    for (const [name, value] of Object.entries(functionEnvironment(fn, resolver, envFile))) {
      if (name in values && values[name] !== value) conflicts.add(name);
      values[name] = value;
    }
  }
  return { values, conflicts: [...conflicts] };
}

/**
 * Sets `values` on `env` without overriding what is already there, except `forced` values (those the local
 * server owns, such as DATABASE_URL). Returns a function that puts every touched variable back.
 */
export function applyEnvironment(
  values: Record<string, string>,
  forced: Record<string, string> = {},
  env: NodeJS.ProcessEnv = process.env,
): () => void {
  const previous = new Map<string, string | undefined>();
  const set = (name: string, value: string) => {
    if (!previous.has(name)) previous.set(name, env[name]);
    env[name] = value;
  };
  for (const [name, value] of Object.entries(values)) if (env[name] === undefined) set(name, value);
  for (const [name, value] of Object.entries(forced)) set(name, value);
  return () => {
    for (const [name, value] of previous) {
      if (value === undefined) delete env[name];
      else env[name] = value;
    }
  };
}
