import type { FunctionSpec } from './functions';
import type { Invocation, Invoker } from './lambda-runtime';
import { consoleLog } from './log';
import { parseRate, readSchedules, ScheduleRunner, scheduledEvent } from './schedules';
import { createResolver } from './template';

const scheduled = (logicalId: string, properties: Record<string, unknown>): FunctionSpec => ({
  logicalId,
  handlerFile: '',
  exportName: 'handler',
  timeoutSeconds: 3,
  memoryMb: 128,
  environment: {},
  events: [{ name: 'Tick', type: 'Schedule', properties }],
});

describe('parseRate', () => {
  it.each([
    ['rate(1 minute)', 60_000],
    ['rate(5 minutes)', 300_000],
    ['rate(2 hours)', 7_200_000],
    ['rate(1 day)', 86_400_000],
  ])('reads %s', (expression, ms) => expect(parseRate(expression)).toBe(ms));

  it.each(['rate(0 minutes)', 'cron(0 12 * * ? *)', 'rate(1 fortnight)'])('does not run %s', (expression) =>
    expect(parseRate(expression)).toBeUndefined(),
  );
});

describe('readSchedules', () => {
  it('skips disabled schedules and keeps crons without an interval', () => {
    const resolver = createResolver({ Resources: {} }, {});
    const schedules = readSchedules(
      [
        scheduled('A', { Schedule: 'rate(1 minute)' }),
        scheduled('B', { Schedule: 'rate(1 minute)', Enabled: false }),
        scheduled('C', { Schedule: 'cron(0 * * * ? *)' }),
      ],
      resolver,
    );
    expect(schedules).toEqual([
      { functionId: 'A', eventName: 'Tick', expression: 'rate(1 minute)', intervalMs: 60_000 },
      { functionId: 'C', eventName: 'Tick', expression: 'cron(0 * * * ? *)', intervalMs: undefined },
    ]);
  });
});

it('builds the EventBridge scheduled event', () => {
  const event = scheduledEvent(
    { functionId: 'SweeperFunction', eventName: 'EveryMinute', expression: 'rate(1 minute)' },
    new Date('2025-11-25T10:00:00.123Z'),
  );
  expect(event).toEqual({
    version: '0',
    id: expect.any(String),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '123456789012',
    time: '2025-11-25T10:00:00Z',
    region: 'us-east-1',
    resources: ['arn:aws:events:us-east-1:123456789012:rule/amianai-local-SweeperFunctionEveryMinute'],
    detail: {},
  });
});

/** Lets promise callbacks that are already due run (fake timers do not touch microtasks). */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

describe('ScheduleRunner', () => {
  afterEach(() => jest.useRealTimers());

  it('invokes at the rate and does not overlap a run still in progress', async () => {
    jest.useFakeTimers();
    const calls: unknown[] = [];
    let finish: (value: Invocation) => void = () => undefined;
    const invoker: Invoker = {
      invoke: (_id, event) => {
        calls.push(event);
        return new Promise((resolve) => {
          finish = resolve;
        });
      },
    };
    const runner = new ScheduleRunner(
      [{ functionId: 'A', eventName: 'Tick', expression: 'rate(1 minute)', intervalMs: 60_000 }],
      invoker,
      consoleLog(true),
    );
    runner.start();
    jest.advanceTimersByTime(59_999);
    expect(calls).toHaveLength(0);
    jest.advanceTimersByTime(1);
    expect(calls).toHaveLength(1);
    jest.advanceTimersByTime(60_000); // the first run is still going
    expect(calls).toHaveLength(1);
    finish({ outcome: 'returned', result: undefined });
    await settle();
    jest.advanceTimersByTime(60_000);
    expect(calls).toHaveLength(2);
    finish({ outcome: 'returned', result: undefined });
    await runner.stop();
  });
});
