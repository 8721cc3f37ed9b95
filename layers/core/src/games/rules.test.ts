import { GAME, phaseAt, revealTime, tickOf, tickTime } from './rules';

const endsAt = new Date('2030-01-01T00:02:00Z');
const votingClosesAt = new Date('2030-01-01T00:03:00Z');
const at = (iso: string) => new Date(iso);

describe('phaseAt', () => {
  it('is live until the last millisecond before endsAt', () => {
    expect(phaseAt({ endsAt, votingClosesAt, allVoted: false }, at('2030-01-01T00:01:59.999Z'))).toBe('live');
  });

  it('is voting from endsAt on', () => {
    expect(phaseAt({ endsAt, votingClosesAt, allVoted: false }, endsAt)).toBe('voting');
  });

  it('stays live while everyone has voted but the chat is still open', () => {
    expect(phaseAt({ endsAt, votingClosesAt, allVoted: true }, at('2030-01-01T00:01:00Z'))).toBe('live');
  });

  it('reveals at endsAt when everyone voted already', () => {
    expect(phaseAt({ endsAt, votingClosesAt, allVoted: true }, endsAt)).toBe('revealed');
  });

  it('reveals at votingClosesAt even without every vote', () => {
    expect(phaseAt({ endsAt, votingClosesAt, allVoted: false }, at('2030-01-01T00:02:59.999Z'))).toBe(
      'voting',
    );
    expect(phaseAt({ endsAt, votingClosesAt, allVoted: false }, votingClosesAt)).toBe('revealed');
  });
});

describe('revealTime', () => {
  it('is the last vote in the voting phase, endsAt for votes during the chat, else votingClosesAt', () => {
    expect(revealTime({ endsAt, votingClosesAt }, at('2030-01-01T00:02:30Z'))).toEqual(
      at('2030-01-01T00:02:30Z'),
    );
    expect(revealTime({ endsAt, votingClosesAt }, at('2030-01-01T00:01:00Z'))).toEqual(endsAt);
    expect(revealTime({ endsAt, votingClosesAt }, null)).toEqual(votingClosesAt);
  });
});

describe('ticks', () => {
  it('are shared slices of wall-clock time', () => {
    const t = tickOf(at('2030-01-01T00:00:04Z'));
    expect(tickTime(t).getTime()).toBeLessThanOrEqual(at('2030-01-01T00:00:04Z').getTime());
    expect(tickTime(t + 1).getTime() - tickTime(t).getTime()).toBe(GAME.tickMs);
  });
});
