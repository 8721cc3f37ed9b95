/** The sample events in events/conversations are valid requests against the rows they name, served as documented. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { createEventFixtures } from '../../tests/artifact/event-fixtures';
import { lambdaContext, useTestDatabase } from '../../tests/support/fixtures';
import { handler, router } from './handler';

const database = useTestDatabase();

const DIR = path.resolve(__dirname, '../../events/conversations');
const load = (file: string) => JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as APIGatewayProxyEvent;

beforeAll(async () => {
  // The samples act as Alice on her conversation; the seed's ids are random, so the rows are made with the
  // ids the samples carry, exactly as the built-artifact test makes them.
  await createEventFixtures(database.url);
});

// In this order: the last one ends the conversation the others use.
const expected: Array<[string, number]> = [
  ['list-conversations.json', 200],
  ['create-conversation.json', 201],
  ['get-conversation.json', 200],
  ['list-messages.json', 200],
  ['typing.json', 204],
  ['post-message.json', 201],
  ['poll-messages.json', 200],
  ['rename-conversation.json', 200],
  ['end-conversation.json', 200],
];

describe('conversations sample events', () => {
  it('has a sample for every route', () => {
    expect(readdirSync(DIR).sort()).toEqual(expected.map(([f]) => f).sort());
    const sampled = new Set(expected.map(([f]) => `${load(f).httpMethod} ${load(f).resource}`));
    expect([...sampled].sort()).toEqual(router.routes.map((r) => `${r.method} ${r.resource}`).sort());
  });

  it.each(expected)('%s is answered with %i', async (file, status) => {
    const res = (await handler(load(file), lambdaContext())) as { statusCode: number; body: string };
    expect({ file, status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined }).toEqual({
      file,
      status,
      body: status === 204 ? undefined : expect.any(Object),
    });
  });
});
