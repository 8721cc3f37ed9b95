/**
 * Maps a Cognito caller to a users row, creating it on the first request (one round trip in the common
 * case), and the only module with SQL for the users table. What a new user starts with (their default
 * persona) is domain, not identity: core registers it with `onFirstSignIn` and it runs in the same
 * transaction as the insert, so a user never exists without it.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { db, type Queryable, query, type Transaction, withTransaction } from '../db';
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

const USER_COLUMNS = 'id, display_name, email, role, created_at';

export async function findUserBySub(q: Queryable, sub: string): Promise<User | undefined> {
  const { rows } = await q.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE cognito_sub = $1`, [sub]);
  return rows[0] && toUser(rows[0]);
}

export interface NewUser {
  sub: string;
  email: string | null;
  displayName: string;
  role: User['role'];
}

/** Inserts the user unless their subject exists; undefined when it did (the natural key is the subject). */
export async function insertUser(q: Queryable, u: NewUser): Promise<User | undefined> {
  const { rows } = await q.query<UserRow>(
    `INSERT INTO users (cognito_sub, email, display_name, role) VALUES ($1, $2, $3, $4)
     ON CONFLICT (cognito_sub) DO NOTHING
     RETURNING ${USER_COLUMNS}`,
    [u.sub, u.email, u.displayName, u.role],
  );
  return rows[0] && toUser(rows[0]);
}

/** Runs inside the transaction that creates a user. */
export type FirstSignInHook = (tx: Transaction, user: User, caller: Caller) => Promise<void>;

let firstSignIn: FirstSignInHook | undefined;

/** Sets what happens when a user signs in for the first time (the last registration wins). */
export function onFirstSignIn(hook: FirstSignInHook): void {
  firstSignIn = hook;
}

export async function ensureUser(caller: Caller): Promise<User> {
  const role = caller.isAdmin ? 'admin' : 'user';
  const existing = await findUserBySub(db, caller.sub);
  if (existing) {
    // The Cognito group is the source of truth for the role.
    if (existing.role !== role) {
      await query('UPDATE users SET role = $2, updated_at = now() WHERE id = $1', [existing.id, role]);
      existing.role = role;
    }
    return existing;
  }
  return withTransaction(async (tx) => {
    const created = await insertUser(tx, {
      sub: caller.sub,
      email: caller.email ?? null,
      displayName: caller.name,
      role,
    });
    // Undefined: a concurrent first request created it.
    if (!created) return (await findUserBySub(tx, caller.sub))!;
    await firstSignIn?.(tx, created, caller);
    return created;
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

/** Rows of users (the admin status page runs it as a subquery among the others). */
export const USERS_COUNT_SQL = 'SELECT count(*) FROM users';
