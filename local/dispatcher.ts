/**
 * Sends each HTTP request to the service it is for: an SQS API call, the queue inspector, the API (API
 * Gateway + Lambda), or the web app. Everything but SQS waits until startup has finished.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApiGateway, MAX_REQUEST_BODY_BYTES } from './api-gateway';
import { readBody, sourceIp, writeResponse } from './http-io';
import type { Log } from './log';
import { handleSqsRequest, isSqsRequest } from './sqs-api';
import type { LocalQueues } from './sqs-queues';
import type { StaticSite } from './static-site';
import { type WebSocketGateway, WS_MANAGEMENT_PATH } from './websocket-gateway';

export const SQS_PATH = '/__local/sqs';

export interface DispatchTargets {
  queues: LocalQueues;
  site: StaticSite;
  /** Available once `ready` has resolved. */
  gateway: () => ApiGateway;
  ready: Promise<void>;
  log: Log;
  /** The WebSocket API's Management API (postToConnection), when the template has a WebSocket API. */
  webSocket?: () => WebSocketGateway | undefined;
}

function json(body: unknown) {
  return {
    statusCode: 200,
    headers: { 'Content-Type': ['application/json'] },
    body: Buffer.from(JSON.stringify(body, null, 2)),
  };
}

export function createDispatcher(targets: DispatchTargets) {
  const { queues, site, log } = targets;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const target = req.headers['x-amz-target'];
    // The SQS SDK posts to the queue URL's origin, so SQS calls are recognised by header, not by path.
    // They are served during startup too: the seed may already send jobs.
    if (isSqsRequest(method, typeof target === 'string' ? target : undefined)) {
      const body = await readBody(req, MAX_REQUEST_BODY_BYTES);
      if (body === 'too-large')
        return writeResponse(res, { statusCode: 413, headers: {}, body: Buffer.alloc(0) });
      return writeResponse(res, handleSqsRequest(queues, String(target), body));
    }
    if (url.pathname === SQS_PATH && method === 'GET') {
      return writeResponse(res, json(queues.all().map((queue) => queue.snapshot())));
    }

    // Pushes may happen during startup too (the seed); connections left from an earlier run answer 410.
    const webSocket = targets.webSocket?.();
    if (webSocket && url.pathname.startsWith(`${WS_MANAGEMENT_PATH}/`)) {
      const body = await readBody(req, MAX_REQUEST_BODY_BYTES);
      return writeResponse(
        res,
        webSocket.manage(method, url.pathname, body === 'too-large' ? Buffer.alloc(0) : body),
      );
    }

    await targets.ready;
    const gateway = targets.gateway();
    if (!gateway.owns(url.pathname)) return site.serve(method, url.pathname, res, req.headers);

    const started = Date.now();
    const body = await readBody(req, MAX_REQUEST_BODY_BYTES);
    const response =
      body === 'too-large'
        ? gateway.tooLarge(req.rawHeaders)
        : await gateway.handle({
            method,
            path: url.pathname,
            query: url.search.slice(1),
            rawHeaders: req.rawHeaders,
            body,
            sourceIp: sourceIp(req),
          });
    writeResponse(res, response, method === 'HEAD');
    log.info(`${method} ${url.pathname} → ${response.statusCode} (${Date.now() - started} ms)`);
  };
}
