/** Where the repository is, so the server finds template.yaml, functions/ and frontend/ from any working dir. */
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..');
