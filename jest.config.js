// Two projects: the backend (Node, real PostgreSQL) and the frontend (jsdom).
const swc = ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } }, module: { type: 'commonjs' } }];

module.exports = {
  projects: [
    {
      displayName: 'backend',
      testEnvironment: 'node',
      roots: ['<rootDir>/layers', '<rootDir>/functions', '<rootDir>/local', '<rootDir>/tests'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/tests/e2e/'],
      transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.mjs$': swc },
      transformIgnorePatterns: ['/node_modules/(?!(@electric-sql|jose)/)'],
      setupFiles: ['<rootDir>/tests/support/env.ts'],
      testTimeout: 30000,
    },
    {
      displayName: 'frontend',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/frontend/src'],
      testMatch: ['**/*.test.ts', '**/*.test.tsx'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      moduleNameMapper: { '\\.(css)$': '<rootDir>/frontend/test/style-stub.js' },
      setupFilesAfterEnv: ['<rootDir>/frontend/test/setup.ts'],
    },
  ],
};
