/**
 * The local stand-in for the whole deployment (DESIGN §1): API Gateway + Lambda for every Api event of
 * template.yaml, the Cognito authorizer (dev tokens), SQS queues and event source mappings, schedules, the
 * database and the static site — one process, one port. `npm start` runs it through local/main.ts; tests
 * start it on a free port.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { config, resetConfig } from '@amianai/shared/config';
import { ApiGateway, MAX_REQUEST_BODY_BYTES } from './api-gateway';
import { readCors } from './cors';
import { bootstrapDatabase, type LocalDatabase, openDatabase } from './database';
import { DevAuth } from './dev-auth';
import { applyEnvironment, combineEnvironments, readEnvFile } from './environment';
import { readFunctions } from './functions';
import { GatewayResponses } from './gateway-responses';
import { readBody, sourceIp, writeResponse } from './http-io';
import { LambdaRuntime } from './lambda-runtime';
import { consoleLog } from './log';
import { REPO_ROOT } from './paths';
import { RouteTable, readRoutes } from './routes';
import { readSchedules, ScheduleRunner } from './schedules';
import { handleSqsRequest, isSqsRequest } from './sqs-api';
import { QueueDelivery, readSubscriptions } from './sqs-delivery';
import { LocalQueues } from './sqs-queues';
import { StaticSite } from './static-site';
import { createResolver, loadTemplate, parameterValues } from './template';

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
  /** No console output from the server itself. */
  quiet?: boolean;
  /** Run `Type: Schedule` events on their timers (default true). */
  schedules?: boolean;
  /** How long a failed SQS message stays invisible before redelivery (default 5 s; the template's is minutes). */
  queueVisibilityTimeoutMs?: number;
}

export interface LocalServer {
  url: string;
  port: number;
  database: { url?: string; description: string };
  queues: LocalQueues;
  devAuth: DevAuth;
  /** Invokes a function's schedules now instead of waiting for the timer. */
  runSchedule(functionId: string): Promise<void>;
  stop(): Promise<void>;
}

export const SQS_PATH = '/__local/sqs';
const REPLY_QUEUE = 'ReplyQueue';

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
  const parameters = parameterValues(template, envFile.parameters);
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : undefined;

  // Requests other than SQS calls wait until the database is migrated and the handlers' environment is set.
  let markReady: () => void = () => undefined;
  let markFailed: (err: unknown) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    markFailed = reject;
  });
  ready.catch(() => undefined);

  // Listen first: the queue URLs handed to handlers contain the port.
  let dispatch: (req: IncomingMessage, res: ServerResponse) => Promise<void> = async () => undefined;
  const http = createServer((req, res) => {
    dispatch(req, res).catch((err) => {
      log.error(`${req.method} ${req.url} failed inside the local server`, err);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: 'Internal server error' }));
    });
  });
  await listen(http, options.port ?? Number(process.env.PORT || 3000), host);
  const port = (http.address() as AddressInfo).port;
  const selfUrl = `http://${host === '::1' ? '[::1]' : '127.0.0.1'}:${port}`;

  const queues = new LocalQueues(template, `${selfUrl}${SQS_PATH}`);
  const resolver = createResolver(template, parameters, {
    ref: (name) => queues.get(name)?.url,
    getAtt: (name, attribute) => {
      const queue = queues.get(name);
      if (!queue) return undefined;
      return { Arn: queue.arn, QueueName: queue.name, QueueUrl: queue.url }[attribute];
    },
  });
  const functions = readFunctions(
    template,
    options.functionsDir ?? path.join(REPO_ROOT, 'functions'),
    resolver,
  );
  const runtime = new LambdaRuntime(new Map(functions.map((fn) => [fn.logicalId, fn])), log);
  const site = new StaticSite(options.frontendDir ?? path.join(REPO_ROOT, 'frontend', 'dist'));
  const schedules = new ScheduleRunner(readSchedules(functions, resolver), runtime, log);
  const deliveries = readSubscriptions(functions, queues).map(
    (subscription) =>
      new QueueDelivery(
        subscription,
        runtime,
        { visibilityTimeoutMs: options.queueVisibilityTimeoutMs ?? 5_000, maxConcurrentBatches: 3 },
        log,
      ),
  );
  let gateway: ApiGateway | undefined;

  dispatch = async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const target = req.headers['x-amz-target'];
    // The SQS SDK posts to the queue URL's origin, so SQS calls are recognised by header, not path.
    if (isSqsRequest(method, typeof target === 'string' ? target : undefined)) {
      const body = await readBody(req, MAX_REQUEST_BODY_BYTES);
      if (body === 'too-large')
        return writeResponse(res, { statusCode: 413, headers: {}, body: Buffer.alloc(0) });
      return writeResponse(res, handleSqsRequest(queues, String(target), body));
    }
    if (url.pathname === SQS_PATH && method === 'GET') {
      const snapshot = JSON.stringify(
        queues.all().map((q) => q.snapshot()),
        null,
        2,
      );
      return writeResponse(res, {
        statusCode: 200,
        headers: { 'Content-Type': ['application/json'] },
        body: Buffer.from(snapshot),
      });
    }
    await ready;
    if (!gateway!.owns(url.pathname)) return site.serve(method, url.pathname, res);

    const started = Date.now();
    const body = await readBody(req, MAX_REQUEST_BODY_BYTES);
    const response =
      body === 'too-large'
        ? gateway!.tooLarge(req.rawHeaders)
        : await gateway!.handle({
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

  let database: LocalDatabase | undefined;
  let restoreEnvironment: () => void = () => undefined;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= shutDown();
    return stopping;
  };
  const shutDown = async () => {
    await closeServer(http);
    await schedules.stop();
    await Promise.all(deliveries.map((delivery) => delivery.stop()));
    queues.stop();
    if (runtime.anyLoaded) {
      // Handlers share this process's pg pool; close it before its database goes away.
      const { closePool } = await import('@amianai/shared/db');
      await closePool();
    }
    await database?.stop();
    restoreEnvironment();
    resetConfig();
  };

  try {
    const combined = combineEnvironments(functions, resolver, envFile);
    for (const name of combined.conflicts)
      log.warn(`functions disagree on ${name}; all handlers share one process`);
    const forced: Record<string, string> = {};
    if (options.databaseUrl !== false) {
      database = await openDatabase({
        url: options.databaseUrl ?? process.env.DATABASE_URL ?? combined.values.DATABASE_URL,
        dataDir,
      });
      forced.DATABASE_URL = database.url;
    }
    const replyQueue = queues.get(REPLY_QUEUE);
    if (replyQueue) forced.REPLY_QUEUE_URL = replyQueue.url;
    // The SDK would otherwise resolve the real SQS endpoint and warn on every send that the queue URL differs.
    if (queues.all().length > 0) forced.AWS_ENDPOINT_URL_SQS = selfUrl;
    // The SDK needs a region and some credentials to sign requests to the local queue; these are fake.
    const defaults = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' };
    restoreEnvironment = applyEnvironment({ ...defaults, ...combined.values }, forced);
    resetConfig();

    const devAuth = await DevAuth.create(dataDir);
    // Read after the environment is set: where the template's preflight origin exists only in AWS, the
    // gateway allows the origins the handlers allow.
    const cors = readCors(template, resolver, config().allowedOrigins);
    gateway = new ApiGateway({
      routes: new RouteTable(readRoutes(template, functions)),
      cors,
      gatewayResponses: GatewayResponses.fromTemplate(template, resolver, cors),
      auth: devAuth,
      runtime,
      stage: parameters.Stage ?? 'local',
      log,
    });
    await bootstrapDatabase(runtime, log);
    for (const delivery of deliveries) delivery.start();
    if (options.schedules !== false) schedules.start();
    markReady();
    return {
      url: selfUrl,
      port,
      database: database ? { url: database.url, description: database.description } : { description: 'none' },
      queues,
      devAuth,
      runSchedule: (functionId) => schedules.runFunction(functionId),
      stop,
    };
  } catch (err) {
    markFailed(err);
    await stop().catch(() => undefined);
    throw err;
  }
}
