export { type Caller, callerFromEvent, parseGroups } from './claims';
export { requireAdmin } from './require-admin';
export {
  type AuthContext,
  authenticate,
  ensureUser,
  type FirstSignInHook,
  findUserBySub,
  insertUser,
  type NewUser,
  onFirstSignIn,
  USERS_COUNT_SQL,
  type User,
} from './users';
export type { Viewer } from './viewer';
