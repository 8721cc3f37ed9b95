import { callerFromEvent, parseGroups } from './claims';

const event = (claims: Record<string, string> | undefined) =>
  ({ requestContext: { authorizer: claims ? { claims } : null } }) as never;

describe('caller identity from Cognito claims', () => {
  it.each([
    ['admin', ['admin']],
    ['admin,editors', ['admin', 'editors']],
    ['[admin editors]', ['admin', 'editors']],
    ['', []],
  ])('reads groups from %j', (raw, groups) => {
    expect(parseGroups(raw)).toEqual(groups);
  });

  it('marks members of the admin group as admins', () => {
    const caller = callerFromEvent(
      event({ sub: 's1', 'cognito:username': 'ada', 'cognito:groups': 'admin' }),
    );
    expect(caller).toMatchObject({ sub: 's1', name: 'ada', isAdmin: true });
  });

  it('rejects a request without a subject as 401', () => {
    expect(() => callerFromEvent(event(undefined))).toThrow(expect.objectContaining({ status: 401 }));
    expect(() => callerFromEvent(event({ email: 'x@example.test' }))).toThrow(
      expect.objectContaining({ status: 401 }),
    );
  });
});
