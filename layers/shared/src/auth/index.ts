export { type Caller, callerFromEvent, parseGroups } from './claims';
export { requireAdmin } from './require-admin';
export {
  type AuthContext,
  authenticate,
  countUsers,
  ensureUser,
  type FirstSignInHook,
  findUserBySub,
  insertUser,
  type NewUser,
  onFirstSignIn,
  type User,
} from './users';
export type { Viewer } from './viewer';
