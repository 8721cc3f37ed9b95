import { Type } from '@sinclair/typebox';
import { decodeCursor, encodeCursor } from './pagination';

const Key = Type.Object({ t: Type.String(), id: Type.String() }, { additionalProperties: false });

describe('cursors', () => {
  it('round-trips a keyset position', () => {
    const key = { t: '2026-01-01T00:00:00.000Z', id: 'abc' };
    expect(decodeCursor(Key, encodeCursor(key))).toEqual(key);
  });

  it.each(['not base64 at all!!', encodeCursor({ t: 1 }), encodeCursor('x'), 'e30'])(
    'rejects a tampered cursor %j with 400 invalid_cursor',
    (cursor) => {
      expect(() => decodeCursor(Key, cursor)).toThrow(
        expect.objectContaining({ status: 400, code: 'invalid_cursor' }),
      );
    },
  );
});
