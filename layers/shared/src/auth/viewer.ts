/**
 * Who is looking at something: the two facts every view rule depends on (the owner view or the public one,
 * what an admin may see). HTTP responses and pushed events are rendered for a Viewer alike.
 */
export interface Viewer {
  userId: string;
  isAdmin: boolean;
}
