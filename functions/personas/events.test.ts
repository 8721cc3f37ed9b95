/** The sample events in events/{personas,users,openapi} are valid requests that the handlers serve. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { authenticate } from '@amianai/shared/auth';
import { query } from '@amianai/shared/db';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { lambdaContext, useTestDatabase } from '../../tests/support/fixtures';
import { handler as openapi, router as openapiRouter } from '../openapi/handler';
import { handler as users, router as usersRouter } from '../users/handler';
import { handler as personas, router as personasRouter } from './handler';

useTestDatabase();

const EVENTS = path.resolve(__dirname, '../../events');
const load = (file: string) =>
  JSON.parse(readFileSync(path.join(EVENTS, file), 'utf8')) as APIGatewayProxyEvent;
const handlers = { personas, users, openapi };

beforeAll(async () => {
  // What the samples refer to: a seeded house persona, and one owned by the sample user.
  await query(
    `INSERT INTO personas (id, owner_id, name, kind, description, ai)
     VALUES ('5eed0000-0000-4000-8000-000000000101', NULL, 'Mags Okafor', 'ai', 'Ship''s cook.',
             '{"model":"gpt-4o-mini","temperature":1,"maxTokens":220,"systemPrompt":null,"typingWpm":38,"talkativeness":0.8}')`,
  );
  const { user } = await authenticate(load('personas/update-persona.json'));
  const id = load('personas/update-persona.json').pathParameters!.id;
  await query(
    `INSERT INTO personas (id, owner_id, name, kind, ai)
     VALUES ($1, $2, 'Wren', 'ai', '{"model":"gpt-4o-mini","temperature":1,"maxTokens":200,"systemPrompt":null,"typingWpm":42,"talkativeness":0.6}')`,
    [id, user.id],
  );
});

const expected: Record<string, number> = {
  'personas/list-personas.json': 200,
  'personas/create-persona.json': 201,
  'personas/get-persona.json': 200,
  'personas/update-persona.json': 200,
  'personas/delete-persona.json': 204,
  'users/me.json': 200,
  'openapi/get-openapi.json': 200,
};

describe('sample events', () => {
  it('has a sample for every route of the personas, users and openapi functions', () => {
    const files = (['personas', 'users', 'openapi'] as const).flatMap((dir) =>
      readdirSync(path.join(EVENTS, dir)).map((f) => `${dir}/${f}`),
    );
    expect(files.sort()).toEqual(Object.keys(expected).sort());
    const sampled = files.map((f) => `${load(f).httpMethod} ${load(f).resource}`).sort();
    const served = [personasRouter, usersRouter, openapiRouter]
      .flatMap((r) => r.routes.map((route) => `${route.method} ${route.resource}`))
      .sort();
    expect(sampled).toEqual(served);
  });

  it.each(Object.entries(expected))('%s is answered with %i', async (file, status) => {
    const folder = file.split('/')[0] as keyof typeof handlers;
    const res = (await handlers[folder](load(file), lambdaContext())) as { statusCode: number; body: string };
    expect({ file, status: res.statusCode }).toEqual({ file, status });
  });
});
