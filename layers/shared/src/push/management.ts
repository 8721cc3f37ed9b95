/**
 * postToConnection through the API Gateway Management API. The client (and the AWS SDK behind it) loads on
 * the first push, never at a cold start; the endpoint comes from PUSH_ENDPOINT, which the local server
 * points at its own emulation as it does the SQS endpoint.
 */
import type { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { awsClientConfig } from '../aws/timeouts';
import { config } from '../config';
import { tracer } from '../observability/tracer';

/** A slow or unreachable endpoint must not hold up the request that caused the event. */
const POST_TIMEOUT_MS = 3_000;

let client: { endpoint: string; api: Promise<ApiGatewayManagementApiClient> } | undefined;

function managementApi(endpoint: string): Promise<ApiGatewayManagementApiClient> {
  if (client?.endpoint !== endpoint) {
    client = {
      endpoint,
      api: import('@aws-sdk/client-apigatewaymanagementapi').then(({ ApiGatewayManagementApiClient }) =>
        tracer.captureAWSv3Client(
          new ApiGatewayManagementApiClient({ ...awsClientConfig(), endpoint, maxAttempts: 2 }),
        ),
      ),
    };
  }
  return client.api;
}

/** Whether pushing is configured here (a function without PUSH_ENDPOINT has no WebSocket API to push to). */
export const pushEnabled = (): boolean => Boolean(config().pushEndpoint);

export type PostOutcome = 'sent' | 'gone' | 'failed';

/** Sends one payload to one connection; 'gone' when API Gateway no longer knows the connection (410). */
export async function postToConnection(connectionId: string, data: string): Promise<PostOutcome> {
  const endpoint = config().pushEndpoint;
  if (!endpoint) return 'failed';
  const { PostToConnectionCommand } = await import('@aws-sdk/client-apigatewaymanagementapi');
  try {
    await (await managementApi(endpoint)).send(
      new PostToConnectionCommand({ ConnectionId: connectionId, Data: new TextEncoder().encode(data) }),
      { abortSignal: AbortSignal.timeout(POST_TIMEOUT_MS) },
    );
    return 'sent';
  } catch (err) {
    const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e.name === 'GoneException' || e.$metadata?.httpStatusCode === 410) return 'gone';
    return 'failed';
  }
}

/** For tests that change PUSH_ENDPOINT between cases. */
export function resetManagementClient(): void {
  client = undefined;
}
