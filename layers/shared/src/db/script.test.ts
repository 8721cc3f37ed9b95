import { useTestDatabase } from '../../../../tests/support/database';
import { query } from './pool';
import { inlineValues, queryScript } from './script';

useTestDatabase({ migrate: false });

describe('queryScript', () => {
  beforeAll(async () => {
    await query('CREATE TABLE script_probe (v text)');
  });

  it('runs every statement in one round trip and returns each result, values quoted as literals', async () => {
    const tricky = "it's'); DROP TABLE script_probe; --";
    const [inserted, selected] = await queryScript<{ v: string }>(
      ['INSERT INTO script_probe VALUES ($1), ($2)', 'SELECT v FROM script_probe WHERE v = $1'],
      [tricky, 'plain'],
    );
    expect(inserted!.rowCount).toBe(2);
    expect(selected!.rows).toEqual([{ v: tricky }]);
  });

  it('is one transaction: a failing statement undoes the ones before it', async () => {
    await expect(
      queryScript(['INSERT INTO script_probe VALUES ($1)', 'SELECT 1 / $2'], ['undone', 0]),
    ).rejects.toThrow(/division by zero/);
    const { rows } = await query("SELECT count(*)::int AS n FROM script_probe WHERE v = 'undone'");
    expect(rows[0]!.n).toBe(0);
  });

  it('inlines numbers, booleans, dates and null, and refuses a placeholder without a value', () => {
    expect(
      inlineValues('SELECT $1, $2, $3, $4, $10', [-1.5, true, new Date(0), null, 'x', 6, 7, 8, 9, 'ten']),
    ).toBe("SELECT (-1.5), true, '1970-01-01T00:00:00.000Z', NULL, 'ten'");
    expect(() => inlineValues('SELECT $2', [1])).toThrow(/no value for \$2/);
    expect(() => inlineValues('SELECT $1', [Number.NaN])).toThrow(/finite/);
  });
});
