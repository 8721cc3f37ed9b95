/** The one Powertools Tracer of this execution environment. Off outside Lambda (local server, tests). */
import { Tracer } from '@aws-lambda-powertools/tracer';

export const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'amianai' });

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
