const { availableParallelism } = require('node:os');

/** Packages published only as ES modules that the bot imports: jest's module runtime cannot require them as they are, so swc compiles them to CommonJS like our own code. */
const ESM_ONLY_PACKAGES = ['jose', 'openid-client', 'oauth4webapi'];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2023', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
    '^.+\\.js$': ['@swc/jest', { jsc: { target: 'es2023', parser: { syntax: 'ecmascript' } }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_PACKAGES.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 30000,
  // jest's default is a worker less than the cores, one on a machine of two; most suites spend their time waiting on
  // a bot process, a browser or a database server, so two workers there finish sooner (measured: 495 s, against some
  // 670 s with one).
  maxWorkers: Math.max(2, availableParallelism() - 1),
  reporters: ['default', '<rootDir>/test/support/findingsReporter.js', '<rootDir>/test/support/totalsReporter.js'],
};
