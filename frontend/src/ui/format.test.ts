import { formatUsd } from './format';

describe('formatUsd', () => {
  it('shows cents, not four decimals', () => {
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(0.5)).toBe('$0.50');
    expect(formatUsd(1234.5)).toBe('$1,234.50');
  });

  it('says "less than $0.01" for amounts that would round to nothing', () => {
    expect(formatUsd(0.0003)).toBe('less than $0.01');
  });

  it('shows a dash when there is no amount', () => {
    expect(formatUsd(undefined)).toBe('–');
    expect(formatUsd(Number.NaN)).toBe('–');
  });
});
