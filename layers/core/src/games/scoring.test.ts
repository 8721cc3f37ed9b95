import { accuracy, scoreRound, streaks } from './scoring';

const seats = [
  { personaId: 'me', name: 'Me', kind: 'human' as const },
  { personaId: 'h2', name: 'Ann', kind: 'human' as const },
  { personaId: 'ai1', name: 'Bo', kind: 'ai' as const },
  { personaId: 'ai2', name: 'Cy', kind: 'ai' as const },
];

describe('scoreRound', () => {
  it('gives a point per correct verdict and a point per participant who judged me human', () => {
    const votes = [
      { voterPersonaId: 'me', judgedPersonaId: 'h2', verdict: 'human' as const },
      { voterPersonaId: 'me', judgedPersonaId: 'ai1', verdict: 'human' as const },
      { voterPersonaId: 'me', judgedPersonaId: 'ai2', verdict: 'ai' as const },
      { voterPersonaId: 'h2', judgedPersonaId: 'me', verdict: 'human' as const },
      { voterPersonaId: 'h2', judgedPersonaId: 'ai1', verdict: 'ai' as const },
      { voterPersonaId: 'h2', judgedPersonaId: 'ai2', verdict: 'ai' as const },
    ];
    const r = scoreRound(seats, votes, 'me');
    expect(r.score).toEqual({ correct: 2, total: 3, points: 3 });
    expect(r.judgedAs).toEqual({ human: 1, ai: 0 });
    expect(r.participants.find((p) => p.personaId === 'ai1')).toEqual(
      expect.objectContaining({ kind: 'ai', judgedHuman: 1, judgedAi: 1, isMine: false }),
    );
    expect(r.myVotes).toContainEqual({ personaId: 'ai1', verdict: 'human', correct: false });
  });

  it('scores nothing for a player who did not vote', () => {
    expect(scoreRound(seats, [], 'me').score).toEqual({ correct: 0, total: 0, points: 0 });
  });
});

describe('streaks and accuracy', () => {
  it('counts rounds in a row with every verdict right', () => {
    expect(streaks([true, true, false, true, true, true])).toEqual({ current: 3, best: 3 });
    expect(streaks([true, true, false])).toEqual({ current: 0, best: 2 });
    expect(streaks([])).toEqual({ current: 0, best: 0 });
  });

  it('has no accuracy before the first verdict', () => {
    expect(accuracy(0, 0)).toEqual({ verdicts: 0, correct: 0, accuracy: null });
    expect(accuracy(3, 2)).toEqual({ verdicts: 3, correct: 2, accuracy: 0.6667 });
  });
});
