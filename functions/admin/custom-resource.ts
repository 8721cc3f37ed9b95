/**
 * The DatabaseMigrations custom resource: CloudFormation invokes the admin function during a deploy, before
 * the other functions change. Create and Update run the migrations (and refresh the application role);
 * Delete does nothing (the data outlives the stack). The answer goes to CloudFormation's pre-signed S3 URL;
 * FAILED makes CloudFormation roll the whole stack back.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface CustomResourceEvent {
  RequestType: 'Create' | 'Update' | 'Delete';
  ResponseURL: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceType: string;
  ResourceProperties?: Record<string, unknown>;
}

export function isCustomResourceEvent(event: unknown): event is CustomResourceEvent {
  if (typeof event !== 'object' || event === null) return false;
  const e = event as Record<string, unknown>;
  return (
    typeof e.RequestType === 'string' && typeof e.ResponseURL === 'string' && typeof e.StackId === 'string'
  );
}

export interface CustomResourceResponse {
  Status: 'SUCCESS' | 'FAILED';
  Reason?: string;
  PhysicalResourceId: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
  Data?: Record<string, unknown>;
}

export type Responder = (url: string, body: CustomResourceResponse) => Promise<void>;

/** PUTs the answer to the pre-signed URL (no content type: it is part of the signature). */
export const putResponse: Responder = (url, body) =>
  new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    // https in AWS; plain http only for a local test server.
    const request = url.startsWith('http:') ? httpRequest : httpsRequest;
    const req = request(
      url,
      {
        method: 'PUT',
        headers: { 'content-type': '', 'content-length': Buffer.byteLength(payload) },
        timeout: 10_000,
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode && res.statusCode < 300
            ? resolve()
            : reject(new Error(`S3 answered ${res.statusCode}`)),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out sending the custom resource response')));
    req.on('error', reject);
    req.end(payload);
  });

export async function handleCustomResource(
  event: CustomResourceEvent,
  work: () => Promise<Record<string, unknown>>,
  respond: Responder = putResponse,
  log: (message: string, details: Record<string, unknown>) => void = () => undefined,
): Promise<CustomResourceResponse> {
  const base = {
    // Stable: an Update never replaces the resource (a new id would make CloudFormation Delete the old one).
    PhysicalResourceId: event.PhysicalResourceId ?? `${event.LogicalResourceId}-database-migrations`,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  };
  let response: CustomResourceResponse;
  if (event.RequestType === 'Delete') {
    response = { ...base, Status: 'SUCCESS' };
  } else {
    try {
      const data = await work();
      response = { ...base, Status: 'SUCCESS', Data: data };
    } catch (err) {
      // The reason shows in the stack events: the error's class and message, never a stack or a secret.
      const reason = `migration failed: ${(err as Error).name}: ${(err as Error).message}`.slice(0, 500);
      log('custom resource failed', { requestType: event.RequestType, reason });
      response = { ...base, Status: 'FAILED', Reason: reason };
    }
  }
  await respond(event.ResponseURL, response);
  return response;
}
