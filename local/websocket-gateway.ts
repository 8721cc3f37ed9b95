/**
 * API Gateway WebSocket for the local server (DESIGN §1): upgrades at /ws, the $connect authorizer stand-in
 * (the dev token in the query string, verified as the REST routes verify it, its claims turned into the
 * context the real authorizer returns), the $connect/$disconnect/message route events for the template's
 * functions, route responses, API Gateway's idle (10 min) and lifetime (2 h) limits — and the Management
 * API (`POST/GET/DELETE …/@connections/{id}`) that handlers reach through PUSH_ENDPOINT.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { authorizerContext } from '@amianai/shared/push';
import { type WebSocket, WebSocketServer } from 'ws';
import type { DevAuth } from './dev-auth';
import { sourceIp } from './http-io';
import type { Invoker } from './lambda-runtime';
import type { Log } from './log';
import type { HttpResponse } from './proxy-result';
import { selectRoute, type WebSocketApiSpec, type WebSocketRoute } from './websocket-routes';

export const WS_PATH = '/ws';
/** PUSH_ENDPOINT points here; the SDK appends /@connections/{id}. */
export const WS_MANAGEMENT_PATH = '/__local/ws';
/** API Gateway's limits for WebSocket APIs. */
export const WS_IDLE_TIMEOUT_MS = 10 * 60 * 1000;
export const WS_MAX_LIFETIME_MS = 2 * 60 * 60 * 1000;
const MAX_MESSAGE_BYTES = 128 * 1024;

export interface WebSocketGatewayOptions {
  api: WebSocketApiSpec;
  auth: DevAuth;
  runtime: Invoker;
  stage: string;
  /** host:port the events name as their domain. */
  domainName: string;
  log: Log;
  idleTimeoutMs?: number;
}

interface Connection {
  id: string;
  socket: WebSocket;
  connectedAt: number;
  lastActiveAt: number;
  sourceIp: string;
  userAgent: string;
  authorizer: Record<string, unknown>;
  timers: NodeJS.Timeout[];
}

const requestTime = (d: Date) =>
  `${String(d.getUTCDate()).padStart(2, '0')}/${d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })}/${d.getUTCFullYear()}:${d.toISOString().slice(11, 19)} +0000`;

/** API Gateway connection ids are 12 random bytes in base64, e.g. "Kq1mGFxnIAMCJQg=". */
const newConnectionId = () => randomBytes(10).toString('base64').slice(0, 15).concat('=');

function rejectUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{"message":"${reason}"}`,
  );
}

function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  const all: Record<string, string[]> = { 'Content-Type': ['application/json'] };
  for (const [name, value] of Object.entries(headers)) all[name] = [value];
  return { statusCode, headers: all, body: Buffer.from(body === undefined ? '' : JSON.stringify(body)) };
}

export class WebSocketGateway {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private readonly connections = new Map<string, Connection>();
  /** $disconnect invocations still running (stop waits for them before the database goes away). */
  private readonly disconnecting = new Set<Promise<void>>();

  constructor(private readonly options: WebSocketGatewayOptions) {}

  get openConnections(): number {
    return this.connections.size;
  }

  private baseContext(
    routeKey: string,
    eventType: string,
    c: Pick<Connection, 'id' | 'connectedAt' | 'sourceIp' | 'userAgent'>,
  ) {
    const now = new Date();
    const requestId = randomUUID();
    return {
      routeKey,
      eventType,
      extendedRequestId: requestId,
      requestTime: requestTime(now),
      messageDirection: 'IN',
      stage: this.options.stage,
      connectedAt: c.connectedAt,
      requestTimeEpoch: now.getTime(),
      identity: { sourceIp: c.sourceIp, userAgent: c.userAgent },
      requestId,
      domainName: this.options.domainName,
      connectionId: c.id,
      apiId: this.options.api.apiId,
    };
  }

  private async call(route: WebSocketRoute, event: Record<string, unknown>) {
    const requestId = (event.requestContext as { requestId: string }).requestId;
    const invocation = await this.options.runtime.invoke(route.functionId, event, {
      requestId,
      integrationTimeoutMs: 29_000,
    });
    if (invocation.outcome !== 'returned') return undefined;
    const result = invocation.result as { statusCode?: number; body?: unknown } | null | undefined;
    return result ?? {};
  }

  /** An HTTP upgrade request for /ws: authorise, run $connect, then accept. */
  async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const connect = this.options.api.routes.get('$connect');
    const query = Object.fromEntries(url.searchParams);
    const base = {
      id: newConnectionId(),
      connectedAt: Date.now(),
      sourceIp: sourceIp(req),
      userAgent: String(req.headers['user-agent'] ?? ''),
    };
    let authorizer: Record<string, unknown> = {};
    if (connect?.authorized) {
      const param = this.options.api.tokenQueryParameter ?? 'token';
      // API Gateway refuses a missing identity source with 401 before calling the authorizer.
      if (!query[param]) return rejectUpgrade(socket, 401, 'Unauthorized');
      const verified = await this.options.auth.verify(`Bearer ${query[param]}`);
      if (!verified.ok) return rejectUpgrade(socket, 403, 'Forbidden');
      const context = authorizerContext(verified.claims);
      authorizer = { principalId: context.sub, ...context, integrationLatency: 0 };
    }
    if (connect) {
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([name, value]) => [
          name,
          Array.isArray(value) ? value.join(',') : String(value),
        ]),
      );
      const result = await this.call(connect, {
        headers,
        multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
        queryStringParameters: Object.keys(query).length ? query : undefined,
        multiValueQueryStringParameters: Object.keys(query).length
          ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]]))
          : undefined,
        requestContext: { ...this.baseContext('$connect', 'CONNECT', base), authorizer },
        isBase64Encoded: false,
      });
      const status = result?.statusCode ?? 200;
      if (!result) return rejectUpgrade(socket, 500, 'Internal Server Error');
      if (status < 200 || status > 299) return rejectUpgrade(socket, status, 'Forbidden');
    }
    this.server.handleUpgrade(req, socket, head, (ws) => this.accept(ws, { ...base, authorizer }));
  }

  private accept(socket: WebSocket, base: Omit<Connection, 'socket' | 'timers' | 'lastActiveAt'>): void {
    const connection: Connection = { ...base, socket, lastActiveAt: Date.now(), timers: [] };
    this.connections.set(connection.id, connection);
    const idle = this.options.idleTimeoutMs ?? WS_IDLE_TIMEOUT_MS;
    const resetIdle = () => {
      clearTimeout(connection.timers[0]);
      connection.timers[0] = setTimeout(() => socket.close(1001, 'Going away'), idle).unref();
    };
    resetIdle();
    connection.timers[1] = setTimeout(() => socket.close(1001, 'Going away'), WS_MAX_LIFETIME_MS).unref();
    socket.on('message', (data, isBinary) => {
      connection.lastActiveAt = Date.now();
      resetIdle();
      const body = Buffer.isBuffer(data)
        ? data
        : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]);
      void this.onMessage(connection, body.toString(isBinary ? 'base64' : 'utf8'), isBinary);
    });
    socket.on('close', (code, reason) => {
      for (const timer of connection.timers) clearTimeout(timer);
      this.connections.delete(connection.id);
      const done = this.onDisconnect(connection, code, reason.toString()).finally(() =>
        this.disconnecting.delete(done),
      );
      this.disconnecting.add(done);
    });
    socket.on('error', () => socket.terminate());
  }

  private async onMessage(c: Connection, body: string, isBase64Encoded: boolean): Promise<void> {
    const route = selectRoute(this.options.api, body);
    if (!route) {
      // API Gateway's answer when no route matches and there is no $default.
      c.socket.send(JSON.stringify({ message: 'Forbidden', connectionId: c.id, requestId: randomUUID() }));
      return;
    }
    const result = await this.call(route, {
      requestContext: {
        ...this.baseContext(route.routeKey, 'MESSAGE', c),
        messageId: randomUUID(),
        authorizer: c.authorizer,
      },
      body,
      isBase64Encoded,
    });
    if (!result) {
      c.socket.send(
        JSON.stringify({ message: 'Internal server error', connectionId: c.id, requestId: randomUUID() }),
      );
      return;
    }
    if (route.replies && result.body !== undefined && c.socket.readyState === c.socket.OPEN) {
      c.socket.send(typeof result.body === 'string' ? result.body : JSON.stringify(result.body));
    }
  }

  private async onDisconnect(c: Connection, code: number, reason: string): Promise<void> {
    const route = this.options.api.routes.get('$disconnect');
    if (!route) return;
    await this.call(route, {
      requestContext: {
        ...this.baseContext('$disconnect', 'DISCONNECT', c),
        authorizer: c.authorizer,
        disconnectStatusCode: code,
        disconnectReason: reason,
      },
      isBase64Encoded: false,
    });
  }

  /** The Management API: `{method} /__local/ws/@connections/{id}`. */
  manage(method: string, path: string, body: Buffer): HttpResponse {
    const match = /^\/@connections\/([^/]+)$/.exec(path.slice(WS_MANAGEMENT_PATH.length));
    if (!match) return json(404, { message: 'Not Found' });
    const connection = this.connections.get(decodeURIComponent(match[1]!));
    if (!connection || connection.socket.readyState !== connection.socket.OPEN) {
      return json(410, { message: null }, { 'x-amzn-ErrorType': 'GoneException' });
    }
    if (method === 'POST') {
      if (body.length > MAX_MESSAGE_BYTES)
        return json(413, { message: 'Message too long' }, { 'x-amzn-ErrorType': 'PayloadTooLargeException' });
      connection.socket.send(body.toString('utf8'));
      return json(200, undefined);
    }
    if (method === 'GET') {
      return json(200, {
        connectedAt: new Date(connection.connectedAt).toISOString(),
        identity: { sourceIp: connection.sourceIp, userAgent: connection.userAgent },
        lastActiveAt: new Date(connection.lastActiveAt).toISOString(),
      });
    }
    if (method === 'DELETE') {
      connection.socket.close(1000, 'Closed by the server');
      return json(204, undefined);
    }
    return json(405, { message: 'Method Not Allowed' });
  }

  /** Closes every socket (each runs $disconnect) and stops accepting. */
  async stop(): Promise<void> {
    const closing = [...this.connections.values()].map(
      (c) =>
        new Promise<void>((resolve) => {
          c.socket.once('close', () => resolve());
          c.socket.close(1001, 'Going away');
          setTimeout(() => {
            c.socket.terminate();
            resolve();
          }, 1_000).unref();
        }),
    );
    await Promise.all(closing);
    await Promise.all([...this.disconnecting]);
    this.server.close();
  }
}
