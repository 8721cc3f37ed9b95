import { PASTIMES, ROLES, randomProfile, type StarterProfile } from './starter-profile';

/** A `random` that returns the given choices in order, then zeros. */
function choosing(...choices: number[]): (n: number) => number {
  return (n) => {
    const next = choices.shift() ?? 0;
    if (next >= n) throw new Error(`choice ${next} out of ${n}`);
    return next;
  };
}

describe('randomProfile', () => {
  it('gives every pairing it can draw three or four distinct topics', () => {
    // Enumerate every role and every pastime index the draw can land on for it.
    for (let r = 0; r < ROLES.length; r++) {
      let seen = 0;
      for (let p = 0; p < PASTIMES.length; p++) {
        let profile: StarterProfile;
        try {
          profile = randomProfile(choosing(r, p));
        } catch {
          break; // past the end of the pastimes left for this role
        }
        seen++;
        expect(profile.knowledge.length).toBeGreaterThanOrEqual(3);
        expect(profile.knowledge.length).toBeLessThanOrEqual(4);
        expect(new Set(profile.knowledge).size).toBe(profile.knowledge.length);
      }
      expect(seen).toBeGreaterThan(PASTIMES.length / 2);
    }
  });

  it('never pairs a pastry chef with a pastime about baking', () => {
    const chef = ROLES.findIndex((r) => r.text === 'Pastry chef');
    for (let p = 0; p < PASTIMES.length - 1; p++) {
      const profile = randomProfile(choosing(chef, p));
      expect(profile.description).not.toMatch(/sourdough/);
    }
  });
});
