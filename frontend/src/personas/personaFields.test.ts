import { makeMe } from '../../test/fakeBackend';
import {
  emptyPersonaForm,
  fieldErrorsFromDetails,
  formFromPersona,
  type PersonaFormValues,
  personaInputFrom,
  validateKnowledgeItem,
  validatePersona,
} from './personaFields';

const valid = (patch: Partial<PersonaFormValues> = {}): PersonaFormValues => ({
  ...emptyPersonaForm(),
  name: 'Ada',
  ...patch,
});
const aiForm = (ai: Partial<PersonaFormValues['ai']>) => {
  const base = valid({ kind: 'ai' });
  return { ...base, ai: { ...base.ai, ...ai } };
};

describe('validatePersona', () => {
  it('accepts a complete human persona', () => {
    expect(validatePersona(valid())).toEqual({});
  });

  it('requires a name of 1–80 characters', () => {
    expect(validatePersona(valid({ name: '   ' })).name).toBeDefined();
    expect(validatePersona(valid({ name: 'x'.repeat(80) })).name).toBeUndefined();
    expect(validatePersona(valid({ name: 'x'.repeat(81) })).name).toMatch(/80/);
  });

  it('limits the description to 1000 characters', () => {
    expect(validatePersona(valid({ description: 'x'.repeat(1000) })).description).toBeUndefined();
    expect(validatePersona(valid({ description: 'x'.repeat(1001) })).description).toMatch(/1000/);
  });

  it('keeps traits within 0–100', () => {
    const traits = { ...emptyPersonaForm().traits, openness: 101 };
    expect(validatePersona(valid({ traits }))['traits.openness']).toBeDefined();
  });

  it('allows at most 20 knowledge topics of 40 characters', () => {
    expect(
      validatePersona(valid({ knowledge: Array.from({ length: 21 }, (_, i) => `t${i}`) })).knowledge,
    ).toMatch(/20/);
    expect(validatePersona(valid({ knowledge: ['x'.repeat(41)] })).knowledge).toMatch(/40/);
    expect(validateKnowledgeItem('x'.repeat(41), [])).toMatch(/40/);
    expect(validateKnowledgeItem('Jazz', ['jazz'])).toMatch(/already/i);
    expect(
      validateKnowledgeItem(
        'jazz',
        Array.from({ length: 20 }, (_, i) => `t${i}`),
      ),
    ).toMatch(/20/);
  });

  it('checks AI settings against the API limits', () => {
    expect(validatePersona(aiForm({ temperature: '2.1' }))['ai.temperature']).toMatch(/0 and 2/);
    expect(validatePersona(aiForm({ temperature: '2' }))['ai.temperature']).toBeUndefined();
    expect(validatePersona(aiForm({ maxTokens: '15' }))['ai.maxTokens']).toMatch(/16 and 2000/);
    expect(validatePersona(aiForm({ maxTokens: '100.5' }))['ai.maxTokens']).toMatch(/whole/);
    expect(validatePersona(aiForm({ systemPrompt: 'x'.repeat(4001) }))['ai.systemPrompt']).toMatch(/4000/);
    expect(validatePersona(aiForm({ typingWpm: '9' }))['ai.typingWpm']).toMatch(/10 and 200/);
    expect(validatePersona(aiForm({ typingWpm: '201' }))['ai.typingWpm']).toBeDefined();
    expect(validatePersona(aiForm({ talkativeness: '1.5' }))['ai.talkativeness']).toMatch(/0 and 1/);
    expect(validatePersona(aiForm({ talkativeness: '' }))['ai.talkativeness']).toMatch(/number/);
  });

  it('ignores AI settings for a human persona and sends ai: null', () => {
    const form = { ...valid(), ai: { ...valid().ai, temperature: '9' } };
    expect(validatePersona(form)).toEqual({});
    expect(personaInputFrom(form).ai).toBeNull();
  });

  it('converts AI settings to numbers for the API', () => {
    expect(personaInputFrom(aiForm({ temperature: '0.4', maxTokens: '200' })).ai).toMatchObject({
      temperature: 0.4,
      maxTokens: 200,
    });
  });
});

describe('fieldErrorsFromDetails', () => {
  it('puts API validation details on the fields they name and keeps the rest', () => {
    const { fields, other } = fieldErrorsFromDetails([
      { path: 'body/name', message: 'Expected string length less or equal to 80' },
      { path: '/ai/temperature', message: 'Expected number to be less or equal to 2' },
      { instancePath: '/personality/traits/openness', message: 'too big' },
      { path: '/knowledge/3', message: 'too long' },
      { path: '/mystery', message: 'Unexpected property' },
      'free text',
    ]);
    expect(fields).toEqual({
      name: 'Expected string length less or equal to 80',
      'ai.temperature': 'Expected number to be less or equal to 2',
      'traits.openness': 'too big',
      knowledge: 'too long',
    });
    expect(other).toEqual(['/mystery: Unexpected property', 'free text']);
  });
});

describe('formFromPersona', () => {
  const persona = makeMe().personas[0]!;

  it('leaves the image field empty for the default avatar the API draws', () => {
    const form = formFromPersona({ ...persona, avatarUrl: 'data:image/svg+xml,%3Csvg%3E%3C/svg%3E' });
    expect(form.avatarUrl).toBe('');
    expect(validatePersona(form)).toEqual({});
  });

  it('keeps an image its owner chose', () => {
    expect(formFromPersona({ ...persona, avatarUrl: 'https://example.com/me.png' }).avatarUrl).toBe(
      'https://example.com/me.png',
    );
  });
});
