/**
 * The local stand-in for the whole deployment (docs/design.md): API Gateway + Lambda for every Api event of
 * template.yaml, the Cognito authorizer (dev tokens), SQS queues and event source mappings, schedules, the
 * database and the static site — one process, one port. `npm start` runs it through local/main.ts; tests
 * start it on a free port.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { config, resetConfig } from '@amianai/shared/config';
import { ApiGateway } from './api-gateway';
import {
  type ArtifactMode,
  artifactMode,
  type StagedArtifacts,
  stageBuiltArtifacts,
} from './built-artifacts';
import { readCors } from './cors';
import { bootstrapDatabase, type LocalDatabase, openDatabase } from './database';
import { DevAuth } from './dev-auth';
import { createDispatcher, SQS_PATH } from './dispatcher';
import { applyEnvironment, combineEnvironments, LOCAL_STAGE, localStage, readEnvFile } from './environment';
import { readFunctions } from './functions';
import { GatewayResponses } from './gateway-responses';
import { LambdaRuntime } from './lambda-runtime';
import { consoleLog } from './log';
import { REPO_ROOT } from './paths';
import { RouteTable, readRoutes } from './routes';
import { readSchedules, ScheduleRunner } from './schedules';
import { QueueDelivery, readSubscriptions } from './sqs-delivery';
import { LocalQueues } from './sqs-queues';
import { StaticSite } from './static-site';
import { createResolver, loadTemplate, parameterValues } from './template';
import { WebSocketGateway, WS_MANAGEMENT_PATH, WS_PATH } from './websocket-gateway';
import { readWebSocketApi } from './websocket-routes';

export interface LocalServerOptions {
  /** Default: PORT or 3000. 0 picks a free port. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1 (the dev token route must not be reachable from the network). */
  host?: string;
  /**
   * PostgreSQL to use; default DATABASE_URL (process, then env.json), else the embedded database.
   * `false` runs without a database (for templates whose functions need none).
   */
  databaseUrl?: string | false;
  /** Where the embedded database and the dev-token secret persist; without it, both live in memory. */
  dataDir?: string;
  templateFile?: string;
  functionsDir?: string;
  /** `sam local --env-vars` file; default env.json at the repository root (ignored when missing). */
  envFile?: string;
  frontendDir?: string;
  /** The stage; default STAGE, else env.json's, else `local`. Dev tokens exist only on `local`. */
  stage?: string;
  /** No console output from the server itself. */
  quiet?: boolean;
  /** Run `Type: Schedule` events on their timers (default true). */
  schedules?: boolean;
  /** How long a failed SQS message stays invisible before redelivery (default 5 s; the template's is minutes). */
  queueVisibilityTimeoutMs?: number;
  /**
   * `source` runs the TypeScript handlers; `built` runs the artifacts in .aws-sam/build (`npm run build`),
   * the code that ships. Default: LOCAL_ARTIFACTS, else `source`.
   */
  artifacts?: ArtifactMode;
}

export interface LocalServer {
  url: string;
  artifacts: ArtifactMode;
  port: number;
  database: { url?: string; description: string };
  queues: LocalQueues;
  /** The stage handlers see (STAGE); `local` unless the environment or env.json names another. */
  stage: string;
  devAuth: DevAuth;
  /** ws://…/ws when the template has a WebSocket API. */
  webSocketUrl?: string;
  /** Invokes a function's schedules now instead of waiting for the timer. */
  runSchedule(functionId: string): Promise<void>;
  stop(): Promise<void>;
}

const REPLY_QUEUE = 'ReplyQueue';

/**
 * Variables the local server owns, whatever the environment says: its database, its queue, and what the AWS
 * SDK needs to talk to the local queues (a region and fake credentials, used only where none are set).
 */
function serverVariables(
  databaseUrl: string | undefined,
  queues: LocalQueues,
  selfUrl: string,
  webSocket: boolean,
) {
  const forced: Record<string, string> = {};
  // Handlers post to connections through the Management API the server emulates, as they send to SQS.
  if (webSocket) forced.PUSH_ENDPOINT = `${selfUrl}${WS_MANAGEMENT_PATH}`;
  if (databaseUrl) forced.DATABASE_URL = databaseUrl;
  const replyQueue = queues.get(REPLY_QUEUE);
  if (replyQueue) forced.REPLY_QUEUE_URL = replyQueue.url;
  // Without it the SDK resolves the real SQS endpoint and warns on every send that the queue URL differs.
  if (queues.all().length > 0) forced.AWS_ENDPOINT_URL_SQS = selfUrl;
  const defaults = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' };
  return { forced, defaults };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    // Requests still running after a moment (a long poll, a slow handler) are cut.
    setTimeout(() => server.closeAllConnections(), 2_000).unref();
  });
}

export async function startLocalServer(options: LocalServerOptions = {}): Promise<LocalServer> {
  const log = consoleLog(options.quiet);
  const host = options.host ?? '127.0.0.1';
  const template = loadTemplate(options.templateFile ?? path.join(REPO_ROOT, 'template.yaml'));
  const envFile = readEnvFile(options.envFile ?? path.join(REPO_ROOT, 'env.json'));
  const stage = options.stage ?? localStage(envFile);
  // The Stage parameter follows: handlers see STAGE=local (through `!Ref Stage`) unless told otherwise.
  const parameters = parameterValues(template, { ...envFile.parameters, Stage: stage });
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : undefined;

  // Listen first: the queue URLs handed to handlers contain the port. Requests wait for `ready`.
  let markReady: () => void = () => undefined;
  let markFailed: (err: unknown) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    markFailed = reject;
  });
  ready.catch(() => undefined);
  let dispatch: (req: IncomingMessage, res: ServerResponse) => Promise<void> = () => ready;
  const http = createServer((req, res) => {
    dispatch(req, res).catch((err) => {
      log.error(`${req.method} ${req.url} failed inside the local server`, err);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: 'Internal server error' }));
    });
  });
  // Requests Node cannot parse (oversized request line or headers, malformed syntax) are answered here, in the
  // app's error shape, instead of Node's default bare status line.
  http.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const [status, reason, code, message] = tooLarge
      ? [
          431,
          'Request Header Fields Too Large',
          'request_too_large',
          'The request line or headers are too large',
        ]
      : [400, 'Bad Request', 'bad_request', 'The request is not valid HTTP'];
    const body = JSON.stringify({ error: { code, message, requestId: randomUUID() } });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  await listen(http, options.port ?? Number(process.env.PORT || 3000), host);
  const port = (http.address() as AddressInfo).port;
  const selfUrl = `http://${host === '::1' ? '[::1]' : '127.0.0.1'}:${port}`;

  const queues = new LocalQueues(template, `${selfUrl}${SQS_PATH}`);
  const resolver = createResolver(template, parameters, {
    ref: (name) => queues.get(name)?.url,
    getAtt: (name, attribute) => {
      const queue = queues.get(name);
      return queue ? { Arn: queue.arn, QueueName: queue.name, QueueUrl: queue.url }[attribute] : undefined;
    },
  });
  // The environment's choice applies to the project's own template; test fixtures bring their own handlers.
  const ownTemplate =
    !options.templateFile || path.resolve(options.templateFile) === path.join(REPO_ROOT, 'template.yaml');
  const mode = options.artifacts ?? (ownTemplate ? artifactMode() : 'source');
  const sourceFunctions = readFunctions(
    template,
    options.functionsDir ?? path.join(REPO_ROOT, 'functions'),
    resolver,
  );
  let staged: StagedArtifacts | undefined;
  try {
    staged = mode === 'built' ? stageBuiltArtifacts(sourceFunctions) : undefined;
  } catch (err) {
    await closeServer(http);
    throw err;
  }
  const functions = staged?.functions ?? sourceFunctions;
  // Built handlers hold the built layer's config and pool; source handlers share this process's.
  const layers = [
    { resetConfig, closePool: () => import('@amianai/shared/db').then((db) => db.closePool()) },
  ];
  if (staged) layers.push(staged.layer);
  const runtime = new LambdaRuntime(new Map(functions.map((fn) => [fn.logicalId, fn])), log);
  const schedules = new ScheduleRunner(readSchedules(functions, resolver), runtime, log);
  const deliveryOptions = {
    visibilityTimeoutMs: options.queueVisibilityTimeoutMs ?? 5_000,
    maxConcurrentBatches: 3,
  };
  const deliveries = readSubscriptions(functions, queues).map(
    (subscription) => new QueueDelivery(subscription, runtime, deliveryOptions, log),
  );
  let gateway: ApiGateway | undefined;
  const webSocketApi = readWebSocketApi(template);
  let webSocket: WebSocketGateway | undefined;
  dispatch = createDispatcher({
    queues,
    site: new StaticSite(options.frontendDir ?? path.join(REPO_ROOT, 'frontend', 'dist')),
    gateway: () => gateway!,
    webSocket: () => webSocket,
    ready,
    log,
  });
  http.on('upgrade', (req, socket, head) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!webSocketApi || pathname !== WS_PATH) return socket.destroy();
    ready
      .then(() => webSocket!.upgrade(req, socket, head))
      .catch((err) => {
        log.error('WebSocket upgrade failed inside the local server', err);
        socket.destroy();
      });
  });

  let database: LocalDatabase | undefined;
  let restoreEnvironment: () => void = () => undefined;
  let stopping: Promise<void> | undefined;
  const shutDown = async () => {
    await webSocket?.stop();
    await closeServer(http);
    await schedules.stop();
    await Promise.all(deliveries.map((delivery) => delivery.stop()));
    queues.stop();
    if (runtime.anyLoaded) {
      // Handlers share a pg pool per layer copy; close it before its database goes away.
      for (const layer of layers) await layer.closePool();
    }
    await database?.stop();
    restoreEnvironment();
    for (const layer of layers) layer.resetConfig();
    staged?.remove();
  };
  const stop = () => {
    stopping ??= shutDown();
    return stopping;
  };

  try {
    const combined = combineEnvironments(functions, resolver, envFile);
    for (const name of combined.conflicts)
      log.warn(`functions disagree on ${name}; all handlers share one process`);
    if (options.databaseUrl !== false) {
      const url = options.databaseUrl ?? process.env.DATABASE_URL ?? combined.values.DATABASE_URL;
      database = await openDatabase({ url, dataDir });
    }
    const { forced, defaults } = serverVariables(database?.url, queues, selfUrl, Boolean(webSocketApi));
    restoreEnvironment = applyEnvironment({ ...defaults, ...combined.values }, forced);
    for (const layer of layers) layer.resetConfig();

    // After the environment is set: where the template's preflight origin exists only in AWS (the site's
    // CloudFront domain), the gateway allows the origins the handlers allow.
    const cors = readCors(template, resolver, config().allowedOrigins);
    const devAuth = await DevAuth.create(dataDir);
    gateway = new ApiGateway({
      routes: new RouteTable(readRoutes(template, functions)),
      cors,
      gatewayResponses: GatewayResponses.fromTemplate(template, resolver, cors),
      auth: devAuth,
      runtime,
      stage,
      // Anyone who can reach the server can mint any identity, admin included: only ever on the local stage.
      devTokens: stage === LOCAL_STAGE,
      log,
    });
    if (webSocketApi) {
      webSocket = new WebSocketGateway({
        api: webSocketApi,
        auth: devAuth,
        runtime,
        stage: parameters.Stage ?? 'local',
        domainName: new URL(selfUrl).host,
        log,
      });
    }
    await bootstrapDatabase(runtime, log);
    for (const delivery of deliveries) delivery.start();
    if (options.schedules !== false) schedules.start();
    markReady();
    return {
      url: selfUrl,
      artifacts: mode,
      port,
      database: database ? { url: database.url, description: database.description } : { description: 'none' },
      queues,
      stage,
      devAuth,
      webSocketUrl: webSocketApi ? `${selfUrl.replace(/^http/, 'ws')}${WS_PATH}` : undefined,
      runSchedule: (functionId) => schedules.runFunction(functionId),
      stop,
    };
  } catch (err) {
    markFailed(err);
    await stop().catch(() => undefined);
    throw err;
  }
}
