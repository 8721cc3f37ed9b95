/**
 * The fuzz run: requests generated from the OpenAPI document (tests/fuzz/requests.ts) sent through the local
 * server as a normal signed-in user, each answer checked: never a 5xx, every error in the JSON error shape,
 * no internals (stack traces, SQL, driver errors, secrets) in any body. Used by the seeded CI sample
 * (fuzz.test.ts) and by `npm run fuzz` (main.ts).
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import path from 'node:path';
import fc from 'fast-check';
import type { LocalServer } from '../../local/server';
import { anyRequest, type FuzzRequest, type KnownIds, type OpenApiDocument } from './requests';

export const OPENAPI_FILE = path.join(__dirname, '..', '..', 'functions', 'openapi', 'openapi.json');

export function loadDocument(): OpenApiDocument {
  return JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as OpenApiDocument;
}

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

export function send(baseUrl: string, req: FuzzRequest, token: string): Promise<Answer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.target,
        agent,
        // fromEntries: a header named `__proto__` stays a header. A repeated name keeps its last value.
        headers: Object.fromEntries([
          ...req.headers,
          ['Authorization', `Bearer ${token}`],
          ['Content-Length', String(req.body.length)],
        ]),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

// What must never reach a client: stack frames, source locations, SQL, PostgreSQL and driver wording,
// JavaScript error names. Checked on error bodies (success bodies echo user text, which may say anything).
const INTERNALS = [
  /\bat [\w$.<>]+ \(/,
  /\n\s+at /,
  /node_modules|\.ts:\d+|\.js:\d+/,
  /\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|WHERE \w+ =)\b/,
  /\bpg_|sqlstate|syntax error at|violates|duplicate key|relation "|column "|invalid input syntax/i,
  /\b(TypeError|ReferenceError|RangeError|SyntaxError|Maximum call stack)\b/,
  /ECONNREFUSED|ECONNRESET|postgres(ql)?:\/\//i,
];

/** Every problem with one answer; empty when it is fine. */
export function problemsWith(req: FuzzRequest, answer: Answer, secrets: string[]): string[] {
  const problems: string[] = [];
  if (answer.status >= 500 || answer.status < 100) problems.push(`status ${answer.status}`);
  for (const secret of secrets)
    if (secret && answer.text.includes(secret)) problems.push('a secret in the body');
  if (answer.status < 400 || req.method === 'HEAD') return problems;
  if (!/^application\/json\b/.test(answer.contentType))
    problems.push(`error content type "${answer.contentType}"`);
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    problems.push('error body is not JSON');
    return problems;
  }
  const shape = errorShapeProblem(body);
  if (shape) problems.push(shape);
  for (const pattern of INTERNALS) if (pattern.test(answer.text)) problems.push(`internals: ${pattern}`);
  return problems;
}

/** `{error: {code, message, details?, requestId}}` and nothing else; undefined when it holds. */
export function errorShapeProblem(body: unknown): string | undefined {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(body) || Object.keys(body).join() !== 'error') return 'not {error: …}';
  const { error } = body;
  if (!isObject(error)) return 'error is not an object';
  const extra = Object.keys(error).filter((k) => !['code', 'message', 'details', 'requestId'].includes(k));
  if (extra.length > 0) return `unexpected error fields ${extra.join(',')}`;
  for (const field of ['code', 'message', 'requestId'])
    if (typeof error[field] !== 'string' || error[field] === '') return `error.${field} missing`;
  if (error.details !== undefined) {
    if (!Array.isArray(error.details)) return 'error.details is not a list';
    for (const d of error.details)
      if (!isObject(d) || typeof d.path !== 'string' || typeof d.message !== 'string')
        return 'error.details entry is not {path, message}';
  }
  return undefined;
}

export interface FuzzOptions {
  server: LocalServer;
  runs: number;
  seed: number;
  /** Values that must never appear in a response (the database URL, the token secret…). */
  secrets: string[];
  /** Called every `every` requests with the count so far. */
  progress?: (done: number) => void;
}

export interface FuzzReport {
  requests: number;
  seed: number;
  statuses: Record<number, number>;
  operations: Record<string, number>;
  /** The failure fast-check reports (with the shrunk request and how to replay it); undefined when none. */
  failure?: string;
}

async function api<T>(server: LocalServer, method: string, target: string, token: string, body?: unknown) {
  const res = await fetch(`${server.url}${target}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`fuzz setup: ${method} ${target} → ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

export async function devToken(server: LocalServer, name: string): Promise<string> {
  return (await server.devAuth.issue({ name, admin: false })).token;
}

/**
 * Things for requests to point at: the fuzz user's personas and conversation, public personas, and a private
 * persona and conversation of somebody else (which must stay invisible).
 */
export async function prepare(server: LocalServer, token: string): Promise<KnownIds> {
  const other = await devToken(server, 'Fuzz Other');
  type Me = { personas: Array<{ id: string; kind: string }> };
  type List = { items: Array<{ id: string }> };
  const mine = await api<Me>(server, 'GET', '/api/me', token);
  const theirs = await api<Me>(server, 'GET', '/api/me', other);
  const human = mine.personas.find((p) => p.kind === 'human')!.id;
  const otherHuman = theirs.personas.find((p) => p.kind === 'human')!.id;
  const aiBody = {
    name: 'Fuzz Bot',
    kind: 'ai',
    description: 'Generated for the fuzz run.',
    personality: { traits: { openness: 60 }, summary: 'Patient.' },
    knowledge: ['testing'],
    communicationStyle: 'casual',
  };
  const ai = await api<{ id: string }>(server, 'POST', '/api/personas', token, aiBody);
  const hidden = await api<{ id: string }>(server, 'POST', '/api/personas', other, {
    ...aiBody,
    visibility: 'private',
  });
  const publicPersonas = await api<List>(server, 'GET', '/api/personas?limit=5', token);
  const conversation = await api<{ id: string }>(server, 'POST', '/api/conversations', token, {
    title: 'Fuzz',
    participantPersonaIds: [human, ai.id],
  });
  const otherConversation = await api<{ id: string }>(server, 'POST', '/api/conversations', other, {
    title: 'Not yours',
    participantPersonaIds: [otherHuman, hidden.id],
  });
  await api(server, 'POST', `/api/conversations/${conversation.id}/messages`, token, {
    personaId: human,
    content: 'hello',
  });
  return {
    ids: [
      human,
      ai.id,
      conversation.id,
      otherHuman,
      hidden.id,
      otherConversation.id,
      ...publicPersonas.items.map((p) => p.id),
    ],
  };
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const { server, runs, seed, secrets } = options;
  const token = await devToken(server, 'Fuzz Fran');
  const known = await prepare(server, token);
  const doc = loadDocument();
  const report: FuzzReport = { requests: 0, seed, statuses: {}, operations: {} };
  const property = fc.asyncProperty(anyRequest(doc, known), async (req) => {
    const answer = await send(server.url, req, token);
    report.requests += 1;
    report.statuses[answer.status] = (report.statuses[answer.status] ?? 0) + 1;
    report.operations[req.operationId] = (report.operations[req.operationId] ?? 0) + 1;
    if (options.progress && report.requests % 1000 === 0) options.progress(report.requests);
    const problems = problemsWith(req, answer, secrets);
    if (problems.length > 0) {
      const shown = {
        ...req,
        target:
          req.target.length > 300 ? `${req.target.slice(0, 300)}… (${req.target.length} chars)` : req.target,
        body: req.body.subarray(0, 300).toString('utf8'),
        bodyBytes: req.body.length,
      };
      throw new Error(
        `${problems.join('; ')}\nrequest: ${JSON.stringify(shown)}\nanswer: ${answer.status} ${answer.text.slice(0, 500)}`,
      );
    }
  });
  const details = await fc.check(property, { numRuns: runs, seed, endOnFailure: false });
  if (details.failed) {
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : '';
    // fast-check's report repeats the whole counterexample, which can be 70 KB: keep its head (seed, path).
    const head = (fc.defaultReportMessage(details) ?? 'failed').slice(0, 600);
    report.failure = `${head}\n${cause}`;
  }
  return report;
}
