/** The Lambda `context` object for a local invocation, with a deadline taken from the function's Timeout. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID, localRegion } from './template';

export interface ContextTarget {
  logicalId: string;
  timeoutSeconds: number;
  memoryMb: number;
}

export function createLambdaContext(
  fn: ContextTarget,
  awsRequestId: string = randomUUID(),
  startedAt = Date.now(),
): Context {
  const deadline = startedAt + fn.timeoutSeconds * 1000;
  const day = new Date(startedAt).toISOString().slice(0, 10).replaceAll('-', '/');
  const unsupported = () => {
    throw new Error('callback-style handlers are not supported by the nodejs24.x runtime; return a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: fn.logicalId,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${localRegion()}:${LOCAL_ACCOUNT_ID}:function:${fn.logicalId}`,
    memoryLimitInMB: String(fn.memoryMb),
    awsRequestId,
    logGroupName: `/aws/lambda/${fn.logicalId}`,
    logStreamName: `${day}/[$LATEST]${randomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}
