/** Wraps any Lambda handler with the logger's context and a traced handler subsegment. */
import type { Context } from 'aws-lambda';
import { logger } from './logger';
import { tracer } from './tracer';

export function withObservability<E, R>(fn: (event: E, context: Context) => Promise<R>) {
  return async (event: E, context: Context): Promise<R> => {
    logger.addContext(context);
    if (!tracer.isTracingEnabled()) return fn(event, context);
    const segment = tracer.getSegment();
    const sub = segment?.addNewSubsegment(`## ${process.env._HANDLER ?? 'handler'}`);
    if (sub) tracer.setSegment(sub);
    tracer.annotateColdStart();
    tracer.addServiceNameAnnotation();
    try {
      return await fn(event, context);
    } catch (err) {
      tracer.addErrorAsMetadata(err as Error);
      throw err;
    } finally {
      sub?.close();
      if (segment) tracer.setSegment(segment);
    }
  };
}
