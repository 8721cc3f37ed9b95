/**
 * Wraps every Lambda handler: the logger's context, a traced handler subsegment, and the metrics flush, so a
 * metric added anywhere during an invocation is always sent.
 */
import type { Context } from 'aws-lambda';
import { logger } from './logger';
import { metrics } from './metrics';
import { tracer } from './tracer';

function flushMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}

export function withObservability<E, R>(fn: (event: E, context: Context) => Promise<R>) {
  const traced = withTracing(fn);
  return async (event: E, context: Context): Promise<R> => {
    logger.addContext(context);
    try {
      return await traced(event, context);
    } finally {
      flushMetrics();
    }
  };
}

function withTracing<E, R>(fn: (event: E, context: Context) => Promise<R>) {
  return async (event: E, context: Context): Promise<R> => {
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
