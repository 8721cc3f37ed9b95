/** Test helpers for the personas suites: valid bodies and one-line API calls as a given caller. */
import { invoke, type TestCaller } from '../../tests/support/events';
import { handler } from './handler';

export const humanBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'Robin Vale',
  kind: 'human',
  description: 'Sails small boats, reads big books.',
  personality: { traits: { openness: 70 }, summary: 'Curious and calm.' },
  knowledge: ['Sailing', 'books'],
  communicationStyle: 'casual',
  ...overrides,
});

export const aiBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'Juno Park',
  kind: 'ai',
  description: 'Bakes sourdough and argues about jazz.',
  personality: { traits: { openness: 80, wit: 90 }, summary: 'Warm, quick, a little smug.' },
  knowledge: ['baking', 'jazz'],
  communicationStyle: 'casual',
  ai: { temperature: 1.1, systemPrompt: 'You are Juno.' },
  ...overrides,
});

type Invoked = Awaited<ReturnType<typeof invoke>>;

export const api = {
  list: (caller: TestCaller | undefined, query?: Record<string, string>): Promise<Invoked> =>
    invoke(handler, { method: 'GET', resource: '/api/personas', caller, query }),
  create: (caller: TestCaller | undefined, body: unknown): Promise<Invoked> =>
    invoke(handler, { method: 'POST', resource: '/api/personas', caller, body }),
  get: (caller: TestCaller | undefined, id: string): Promise<Invoked> =>
    invoke(handler, { method: 'GET', resource: '/api/personas/{id}', pathParameters: { id }, caller }),
  update: (caller: TestCaller | undefined, id: string, body: unknown): Promise<Invoked> =>
    invoke(handler, { method: 'PUT', resource: '/api/personas/{id}', pathParameters: { id }, caller, body }),
  remove: (caller: TestCaller | undefined, id: string): Promise<Invoked> =>
    invoke(handler, { method: 'DELETE', resource: '/api/personas/{id}', pathParameters: { id }, caller }),
};

/** Creates a persona through the API and returns its owner view. */
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON response bodies
export async function createAs(caller: TestCaller, body: unknown): Promise<any> {
  const res = await api.create(caller, body);
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
