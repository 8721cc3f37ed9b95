/**
 * The CI sample of the fuzz suite: a fixed seed and at least 2,000 generated requests over every operation
 * of the OpenAPI document, through the local server as a normal user. `npm run fuzz` runs the long version.
 */
import { useLocalApp } from '../support/fixtures';
import { type FuzzReport, loadDocument, runFuzz } from './fuzz';
import { operationsOf } from './requests';

const SEED = 20_261_201;
const RUNS = 2_000;

const fuzz = useLocalApp();

describe('fuzzing every operation of the OpenAPI document', () => {
  let report: FuzzReport;

  it(`answers ${RUNS} generated requests without a 5xx, in the error shape, without internals`, async () => {
    report = await runFuzz({ server: fuzz.server, runs: RUNS, seed: SEED, secrets: fuzz.secrets });
    // The failure message carries the shrunk request and the seed and path that replay it.
    expect(report.failure).toBeUndefined();
    expect(report.requests).toBeGreaterThanOrEqual(RUNS);
  }, 120_000);

  it('reached every operation, and past validation into the handlers', () => {
    for (const op of operationsOf(loadDocument()))
      expect(report.operations[op.operationId]).toBeGreaterThan(20);
    const count = (from: number, to: number) =>
      Object.entries(report.statuses)
        .filter(([status]) => Number(status) >= from && Number(status) < to)
        .reduce((sum, [, n]) => sum + n, 0);
    expect(count(200, 300)).toBeGreaterThan(RUNS / 10);
    expect(count(400, 500)).toBeGreaterThan(RUNS / 10);
  });
});
