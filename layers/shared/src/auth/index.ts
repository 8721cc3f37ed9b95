export { type Caller, callerFromEvent, parseGroups } from './claims';
export { requireAdmin } from './require-admin';
export { type AuthContext, authenticate, ensureUser, type User } from './users';
