/** The one Powertools Tracer of this execution environment. Off outside Lambda (local server, tests). */
import type { Tracer } from '@aws-lambda-powertools/tracer';

/** What the layer uses of the Tracer; with tracing off, a stand-in answers without the X-Ray SDK. */
export type TracerApi = Pick<
  Tracer,
  | 'isTracingEnabled'
  | 'getSegment'
  | 'setSegment'
  | 'captureAWSv3Client'
  | 'annotateColdStart'
  | 'addServiceNameAnnotation'
  | 'addErrorAsMetadata'
>;

/**
 * Powertools' own rule (Tracer#setTracingEnabled): no tracing outside a Lambda execution environment, under
 * SAM or Amplify local, or with POWERTOOLS_TRACE_ENABLED=false. Where it says off, the Tracer would load the
 * X-Ray SDK (and cls-hooked's async hook) only to do nothing: about 10 ms of CPU at every cold start of the
 * local server, the tests and the benchmarks. On Lambda with tracing on, the Tracer is created at init as before.
 */
function tracingPossible(env = process.env): boolean {
  const execEnv = env.AWS_EXECUTION_ENV?.trim() ?? '';
  return (
    execEnv !== '' &&
    execEnv !== 'AWS_Lambda_amplify-mock' &&
    (env.AWS_SAM_LOCAL?.trim() ?? '') === '' &&
    env.POWERTOOLS_TRACE_ENABLED?.trim().toLowerCase() !== 'false'
  );
}

const off: TracerApi = {
  isTracingEnabled: () => false,
  getSegment: () => undefined,
  setSegment: () => undefined,
  captureAWSv3Client: (client) => client,
  annotateColdStart: () => undefined,
  addServiceNameAnnotation: () => undefined,
  addErrorAsMetadata: () => undefined,
};

function createTracer(): Tracer {
  // Required here rather than imported, so the module (and the X-Ray SDK under it) loads only when used.
  const { Tracer } =
    require('@aws-lambda-powertools/tracer') as typeof import('@aws-lambda-powertools/tracer');
  return new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'amianai' });
}

export const tracer: TracerApi = tracingPossible() ? createTracer() : off;

/** Runs `fn` in an X-Ray subsegment named `name` (a no-op wrapper when tracing is off). */
export async function traced<T>(name: string, fn: () => Promise<T>): Promise<T> {
  // Checked first: reading the segment outside Lambda (or with tracing off) costs and warns for nothing.
  if (!tracer.isTracingEnabled()) return fn();
  const parent = tracer.getSegment();
  if (!parent) return fn();
  const sub = parent.addNewSubsegment(name);
  tracer.setSegment(sub);
  try {
    return await fn();
  } catch (err) {
    sub.addError(err as Error);
    throw err;
  } finally {
    sub.close();
    tracer.setSegment(parent);
  }
}
