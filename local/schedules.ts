/**
 * `Type: Schedule` events: the function is invoked at its `rate(...)` with the real EventBridge scheduled
 * event. `cron(...)` expressions are not run locally (the server says so at start).
 */
import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';
import type { FunctionSpec } from './functions';
import type { Invoker } from './lambda-runtime';
import type { Log } from './log';
import { LOCAL_ACCOUNT_ID, LOCAL_STACK_NAME, localRegion, type Resolver, resolveValue } from './template';

export interface ScheduleSpec {
  functionId: string;
  eventName: string;
  expression: string;
  /** Undefined when the expression is not a rate (a cron, for instance). */
  intervalMs?: number;
}

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** `rate(1 minute)`, `rate(5 minutes)`, `rate(2 hours)`, `rate(1 day)` → milliseconds. */
export function parseRate(expression: string): number | undefined {
  const match = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/.exec(expression.trim());
  if (!match) return undefined;
  const value = Number(match[1]);
  const unit = UNIT_MS[match[2]!.replace(/s$/, '')]!;
  return value > 0 ? value * unit : undefined;
}

export function readSchedules(functions: FunctionSpec[], resolver: Resolver): ScheduleSpec[] {
  return functions.flatMap((fn) =>
    fn.events.flatMap((event) => {
      if (event.type !== 'Schedule') return [];
      const { Schedule, Enabled, State } = event.properties;
      if (Enabled === false || State === 'DISABLED') return [];
      const expression = resolveValue(Schedule, resolver);
      if (!expression) return [];
      return [
        { functionId: fn.logicalId, eventName: event.name, expression, intervalMs: parseRate(expression) },
      ];
    }),
  );
}

/** The event EventBridge sends for a scheduled rule. */
export function scheduledEvent(schedule: ScheduleSpec, now = new Date()): ScheduledEvent {
  const region = localRegion();
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: LOCAL_ACCOUNT_ID,
    time: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [
      `arn:aws:events:${region}:${LOCAL_ACCOUNT_ID}:rule/${LOCAL_STACK_NAME}-${schedule.functionId}${schedule.eventName}`,
    ],
    detail: {},
  };
}

export class ScheduleRunner {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    readonly schedules: ScheduleSpec[],
    private readonly runtime: Invoker,
    private readonly log: Log,
  ) {}

  start(): void {
    for (const schedule of this.schedules) {
      if (schedule.intervalMs === undefined) {
        this.log.warn(
          `${schedule.functionId}: schedule "${schedule.expression}" is not run locally (only rate(...) is)`,
        );
        continue;
      }
      this.timers.push(setInterval(() => void this.run(schedule), schedule.intervalMs));
    }
  }

  /** Invokes one schedule now; skipped while its previous run is still going (locally, one at a time). */
  run(schedule: ScheduleSpec): Promise<void> {
    const key = `${schedule.functionId}.${schedule.eventName}`;
    const current = this.running.get(key);
    if (current) return current;
    const run = this.runtime
      .invoke(schedule.functionId, scheduledEvent(schedule))
      .then(() => undefined)
      .finally(() => this.running.delete(key));
    this.running.set(key, run);
    return run;
  }

  /** Runs every schedule of a function now (tests, or a developer who does not want to wait a minute). */
  async runFunction(functionId: string): Promise<void> {
    await Promise.all(this.schedules.filter((s) => s.functionId === functionId).map((s) => this.run(s)));
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers.length = 0;
    await Promise.all(this.running.values());
  }
}
