#!/usr/bin/env node
// The `tessera` command. Node 24 runs the TypeScript sources directly.
await import('../src/main.ts');
