/**
 * The template's functions as the local server runs them: Globals.Function merged into each function, and
 * the convention that logical id `XxxYyyFunction` lives in `functions/xxx-yyy/` (entry from `Handler`).
 */
import path from 'node:path';
import { type CfnTemplate, isRecord, type Resolver, resolveValue, resourcesOfType } from './template';

export interface FunctionEvent {
  name: string;
  type: string;
  properties: Record<string, unknown>;
}

export interface FunctionSpec {
  logicalId: string;
  /** Absolute path of the TypeScript entry, e.g. functions/ai-worker/handler.ts. */
  handlerFile: string;
  /** Exported handler name (the part of `Handler` after the last dot). */
  exportName: string;
  timeoutSeconds: number;
  memoryMb: number;
  /** Environment.Variables, Globals first, unresolved. */
  environment: Record<string, unknown>;
  events: FunctionEvent[];
}

/** `AiWorkerFunction` → `ai-worker`. */
export function functionFolder(logicalId: string): string {
  const base = logicalId.replace(/Function$/, '') || logicalId;
  return base
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

function numberProperty(value: unknown, resolver: Resolver, fallback: number): number {
  const resolved = Number(resolveValue(value, resolver));
  return Number.isFinite(resolved) && resolved > 0 ? resolved : fallback;
}

function variables(properties: Record<string, unknown> | undefined): Record<string, unknown> {
  const environment = properties?.Environment;
  return isRecord(environment) && isRecord(environment.Variables) ? environment.Variables : {};
}

export function readFunctions(
  template: CfnTemplate,
  functionsDir: string,
  resolver: Resolver,
): FunctionSpec[] {
  const globals = template.Globals?.Function ?? {};
  return resourcesOfType(template, 'AWS::Serverless::Function').map(([logicalId, resource]) => {
    const own = resource.Properties ?? {};
    const handler = String(resolveValue(own.Handler ?? globals.Handler, resolver) ?? 'handler.handler');
    const dot = handler.lastIndexOf('.');
    const modulePath = dot > 0 ? handler.slice(0, dot) : handler;
    const events = isRecord(own.Events) ? own.Events : {};
    return {
      logicalId,
      handlerFile: path.join(functionsDir, functionFolder(logicalId), `${modulePath}.ts`),
      exportName: dot > 0 ? handler.slice(dot + 1) : 'handler',
      timeoutSeconds: numberProperty(own.Timeout ?? globals.Timeout, resolver, 3),
      memoryMb: numberProperty(own.MemorySize ?? globals.MemorySize, resolver, 128),
      environment: { ...variables(globals), ...variables(own) },
      events: Object.entries(events).flatMap(([name, event]) =>
        isRecord(event) && typeof event.Type === 'string'
          ? [{ name, type: event.Type, properties: isRecord(event.Properties) ? event.Properties : {} }]
          : [],
      ),
    };
  });
}
