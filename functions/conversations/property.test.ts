/**
 * Property: whatever arrives at the conversations routes — random bodies, ids, paths, query strings and
 * callers — the answer is never a 5xx, and every error has the JSON error shape.
 */
import { encodeCursor } from '@amianai/shared/http';
import fc from 'fast-check';
import {
  aiPersona,
  apiEvent,
  CONVERSATION_RESOURCES,
  conversation,
  lambdaContext,
  usePlayer,
  useTestDatabase,
  withoutWriteLimit,
} from '../../tests/support/fixtures';
import { handler } from './handler';

withoutWriteLimit();
useTestDatabase();

const alice = usePlayer('Alice');
const eve = usePlayer('Eve');
const admin = usePlayer('Ada', true);
let ai: string;
let id: string;

beforeAll(async () => {
  ai = await aiPersona();
  id = await conversation(alice, [ai]);
});

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.constantFrom('', ' ', '\u0000', '1e400'),
);
const ids = () =>
  fc.oneof(
    { arbitrary: fc.constant(id), weight: 4 },
    fc.constant(alice.personaId),
    fc.constant(ai),
    fc.uuid(),
    text,
  );
const scalar = () =>
  fc.oneof(
    text,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(ids(), { maxLength: 10 }),
    ids(),
  );
const KEYS = [
  'title',
  'topic',
  'mode',
  'participantPersonaIds',
  'settings',
  'personaId',
  'content',
  'clientMessageId',
];
const body = () =>
  fc.oneof(
    fc.dictionary(fc.constantFrom(...KEYS), scalar(), { maxKeys: 5 }),
    fc.record({ personaId: fc.constant(alice.personaId), content: text }, { requiredKeys: [] }),
    fc.jsonValue(),
  );
const queryValue = () =>
  fc.oneof(
    text,
    fc.integer({ min: -5, max: 200 }).map(String),
    fc.constantFrom('chat', 'game', 'active', 'ended', '99999999999', '1.5'),
    fc
      .oneof(
        fc.record({ before: fc.integer() }),
        fc.record({ a: fc.integer(), id: fc.uuid() }),
        fc.jsonValue(),
      )
      .map(encodeCursor),
  );
const query = () =>
  fc.dictionary(fc.constantFrom('after', 'cursor', 'limit', 'status', 'mode', 'since', 'x'), queryValue(), {
    maxKeys: 4,
  });

const ROUTES = [
  ['GET', CONVERSATION_RESOURCES.list],
  ['POST', CONVERSATION_RESOURCES.list],
  ['GET', CONVERSATION_RESOURCES.one],
  ['POST', CONVERSATION_RESOURCES.end],
  ['GET', CONVERSATION_RESOURCES.messages],
  ['POST', CONVERSATION_RESOURCES.messages],
  ['POST', CONVERSATION_RESOURCES.typing],
] as const;

const route = () =>
  fc.oneof(
    {
      arbitrary: fc
        .constantFrom(...ROUTES)
        .map(([method, resource]) => ({ method, resource, path: undefined })),
      weight: 4,
    },
    fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
      resource: fc.constantFrom(...Object.values(CONVERSATION_RESOURCES)),
      path: fc.constant(undefined),
    }),
    // A path API Gateway never routed here: the router falls back to matching the path itself.
    fc.record({
      method: fc.constantFrom('GET', 'POST'),
      resource: fc.constant('/api/{proxy+}'),
      path: fc
        .array(fc.oneof(fc.constantFrom('conversations', 'messages', 'typing', 'end', id), text), {
          maxLength: 4,
        })
        .map((parts) => `/api/${parts.map(encodeURIComponent).join('/')}`),
    }),
  );

describe('conversations API under random input', () => {
  it('never answers 5xx and always uses the JSON error shape', async () => {
    await fc.assert(
      fc.asyncProperty(
        route(),
        ids(),
        query(),
        fc.oneof(body(), fc.constant(undefined)),
        fc.option(fc.string(), { nil: undefined }),
        fc.constantFrom('alice', 'eve', 'admin', 'nobody'),
        fc.option(fc.string(), { nil: undefined }),
        async (r, pathId, q, b, raw, who, ifNoneMatch) => {
          const caller = { alice, eve, admin, nobody: undefined }[who]?.caller;
          const event = apiEvent({
            method: r.method,
            resource: r.resource,
            pathParameters: r.path === undefined && r.resource.includes('{id}') ? { id: pathId } : undefined,
            query: q,
            ...(raw !== undefined && b === undefined ? { rawBody: raw } : { body: b }),
            headers: {
              ...(raw !== undefined ? { 'Content-Type': 'application/json' } : {}),
              ...(ifNoneMatch !== undefined ? { 'If-None-Match': ifNoneMatch } : {}),
            },
            caller,
          });
          if (r.path !== undefined) event.path = r.path;
          const out = await handler(event, lambdaContext());
          const res = { status: out.statusCode, body: out.body ? JSON.parse(out.body) : undefined };
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.body).toEqual({
              error: expect.objectContaining({
                code: expect.any(String),
                message: expect.any(String),
                requestId: expect.any(String),
              }),
            });
          }
          if (res.status === 204 || res.status === 304) expect(res.body).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);
});
