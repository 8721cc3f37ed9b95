/**
 * Maps a Cognito caller to a users row, creating it (and a default human persona named after them) on the
 * first request. One round trip in the common case.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { query, withTransaction } from '../db';
import { type Caller, callerFromEvent } from './claims';

export interface User {
  id: string;
  displayName: string;
  email: string | null;
  role: 'user' | 'admin';
  createdAt: string;
}

interface UserRow {
  id: string;
  display_name: string;
  email: string | null;
  role: 'user' | 'admin';
  created_at: Date;
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  displayName: r.display_name,
  email: r.email,
  role: r.role,
  createdAt: r.created_at.toISOString(),
});

export async function ensureUser(caller: Caller): Promise<User> {
  const role = caller.isAdmin ? 'admin' : 'user';
  const { rows } = await query<UserRow>(
    'SELECT id, display_name, email, role, created_at FROM users WHERE cognito_sub = $1',
    [caller.sub],
  );
  const existing = rows[0];
  if (existing) {
    // The Cognito group is the source of truth for the role.
    if (existing.role !== role) {
      await query('UPDATE users SET role = $2, updated_at = now() WHERE id = $1', [existing.id, role]);
      existing.role = role;
    }
    return toUser(existing);
  }
  return withTransaction(async (tx) => {
    const inserted = await tx.query<UserRow>(
      `INSERT INTO users (cognito_sub, email, display_name, role) VALUES ($1, $2, $3, $4)
       ON CONFLICT (cognito_sub) DO NOTHING
       RETURNING id, display_name, email, role, created_at`,
      [caller.sub, caller.email ?? null, caller.name, role],
    );
    const row = inserted.rows[0];
    if (!row) {
      // A concurrent first request created it.
      const again = await tx.query<UserRow>(
        'SELECT id, display_name, email, role, created_at FROM users WHERE cognito_sub = $1',
        [caller.sub],
      );
      return toUser(again.rows[0]!);
    }
    await tx.query(
      `INSERT INTO personas (owner_id, name, kind, description, visibility)
       VALUES ($1, $2, 'human', $3, 'private')`,
      [row.id, caller.name, `${caller.name}, playing as themselves.`],
    );
    return toUser(row);
  });
}

export interface AuthContext {
  caller: Caller;
  user: User;
  isAdmin: boolean;
}

/** The caller and their users row; 401 when the authorizer passed no identity. */
export async function authenticate(
  event: Pick<APIGatewayProxyEvent, 'requestContext'>,
): Promise<AuthContext> {
  const caller = callerFromEvent(event);
  const user = await ensureUser(caller);
  return { caller, user, isAdmin: user.role === 'admin' };
}
