import { renamed } from './names';

describe('renamed', () => {
  it('writes the alias for the full name and for the first name alone', () => {
    expect(renamed('Robin Hale, a regular. Robin likes tea.', 'Robin Hale', 'Sam')).toBe(
      'Sam, a regular. Sam likes tea.',
    );
  });

  it('leaves words that merely contain the name alone', () => {
    expect(renamed('Samba with Sam, Samantha and sam.', 'Sam', 'Kai')).toBe(
      'Samba with Kai, Samantha and sam.',
    );
    expect(renamed('Zoë and Zoëlle', 'Zoë', 'Kai')).toBe('Kai and Zoëlle');
  });

  it('takes names with regular-expression characters literally', () => {
    expect(renamed('I am R.J. (really) and RxJ', 'R.J. (really)', 'Noa')).toBe('I am Noa and RxJ');
  });

  it('changes nothing when the name is a single character or absent', () => {
    expect(renamed('A day out', 'A', 'Kai')).toBe('A day out');
    expect(renamed('No names here', 'Robin', 'Kai')).toBe('No names here');
  });
});
