/** `Type: Schedule` events reach their function with EventBridge's scheduled event shape. */
import type { LocalServer } from '../../local/server';
import { received } from '../fixtures/local-server/functions/tick/handler';
import { START_TIMEOUT_MS, startFixtureServer } from './local-server';

let server: LocalServer;

beforeAll(async () => {
  server = await startFixtureServer();
}, START_TIMEOUT_MS);
afterAll(() => server?.stop());

it('invokes a scheduled function with the EventBridge scheduled event', async () => {
  await server.runSchedule('TickFunction');
  expect(received).toHaveLength(1);
  expect(received[0]).toEqual({
    version: '0',
    id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '123456789012',
    time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
    region: 'us-east-1',
    resources: ['arn:aws:events:us-east-1:123456789012:rule/amianai-local-TickFunctionEveryFiveMinutes'],
    detail: {},
  });
});
