// The container's start command, run the way the image runs it (Docker is not available
// here): the Dockerfile's CMD with its ENV, from a root-owned app directory holding the
// bundle and node_modules, as uid/gid 1000 with every capability dropped and
// no-new-privileges (the compose files' settings), with one writable data directory.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.ts';
import { repoRoot, runtimeStage } from './support/deploy-files.ts';
import { envOf, execForm, healthcheckOf, instructionsNamed } from './support/dockerfile-model.ts';

/** The image's user (USER 1000:1000). */
const UID = 1000;
const setprivPath = ['/usr/bin/setpriv', '/bin/setpriv'].find((path) => existsSync(path));
const isRoot = process.getuid?.() === 0;
const canDropPrivileges = isRoot && setprivPath !== undefined;
const skipReason = canDropPrivileges
  ? ''
  : ` (skipped: needs root and setpriv from util-linux to switch to uid ${UID}; running as uid ${process.getuid?.()}${setprivPath ? '' : ', setpriv not found'})`;

/** A directory laid out like the image: /app (root, read-only) and /data, HOME, TMPDIR (uid 1000). */
interface Sandbox {
  readonly root: string;
  readonly app: string;
  readonly data: string;
  readonly home: string;
  readonly tmp: string;
}

/** Runs argv as uid/gid 1000 with no capabilities and no way to gain any. */
function asImageUser(argv: readonly string[]): string[] {
  return [
    setprivPath!,
    `--reuid=${UID}`,
    `--regid=${UID}`,
    '--clear-groups',
    '--no-new-privs',
    '--inh-caps=-all',
    '--bounding-set=-all',
    ...argv,
  ];
}

/** Whether the image user may write into `dir` (asked as that user, not as root). */
function imageUserCanWrite(dir: string): boolean {
  const [file, ...args] = asImageUser([
    process.execPath,
    '-e',
    `require('node:fs').accessSync(${JSON.stringify(dir)}, require('node:fs').constants.W_OK)`,
  ]);
  return spawnSync(file!, args, { stdio: 'ignore' }).status === 0;
}

/** The image's `node`: the Node.js running this test. */
function withNode(argv: readonly string[]): string[] {
  return argv[0] === 'node' ? [process.execPath, ...argv.slice(1)] : [...argv];
}

function makeSandbox(): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'tessera-image-'));
  chmodSync(root, 0o755);
  const app = join(root, 'app');
  mkdirSync(join(app, 'dist'), { recursive: true, mode: 0o755 });
  for (const file of ['tessera.mjs', 'tessera.mjs.map']) {
    copyFileSync(join(repoRoot, 'dist', file), join(app, 'dist', file));
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(app, 'node_modules'));
  const owned = (name: string, mode: number): string => {
    const dir = join(root, name);
    mkdirSync(dir, { mode });
    chmodSync(dir, mode);
    chownSync(dir, UID, UID);
    return dir;
  };
  return { root, app, data: owned('data', 0o750), home: owned('home', 0o700), tmp: owned('tmp', 0o700) };
}

/** Every path under `dir` owned by `uid`; `skip` names directories not to enter. */
function ownedBy(uid: number, dir: string, skip: (path: string) => boolean = () => false): string[] {
  const found: string[] = [];
  const walk = (current: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(current);
    } catch {
      return;
    }
    for (const name of entries) {
      const path = join(current, name);
      const stat = lstatSync(path, { throwIfNoEntry: false });
      if (stat === undefined) continue;
      if (stat.uid === uid) found.push(path);
      if (stat.isDirectory() && !skip(path)) walk(path);
    }
  };
  walk(dir);
  return found;
}

/** Entries directly in the system temp directory owned by `uid`. */
function tmpEntriesOwnedBy(uid: number): Set<string> {
  return new Set(
    readdirSync(tmpdir())
      .map((name) => join(tmpdir(), name))
      .filter((path) => lstatSync(path, { throwIfNoEntry: false })?.uid === uid),
  );
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<number> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `Tessera exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${output()}`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return response.status;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no healthy answer from ${url} within 20 s:\n${output()}`);
}

describe('the container start command', () => {
  const stage = runtimeStage();
  const command = withNode(execForm(instructionsNamed(stage, 'CMD').at(-1)?.args ?? '') ?? []);
  const healthcheck = withNode(healthcheckOf(stage)?.command ?? []);
  const token = randomBytes(30).toString('hex');
  let sandbox: Sandbox;
  let child: ChildProcess | undefined;

  beforeAll(() => {
    if (!canDropPrivileges) return;
    // The image's build stage runs `npm run build`, which is this script.
    execFileSync(process.execPath, [join(repoRoot, 'scripts/build-server.ts')], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    sandbox = makeSandbox();
  });

  afterAll(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (sandbox) rmSync(sandbox.root, { recursive: true, force: true });
  });

  it.skipIf(!canDropPrivileges)(
    `runs as uid ${UID} with only its data dir writable, stays healthy, exits 0 on SIGTERM${skipReason}`,
    async () => {
      expect(command).toEqual([process.execPath, 'dist/tessera.mjs']);
      const tmpBefore = tmpEntriesOwnedBy(UID);
      // The sandbox matches the image: the image user may write the data dir, not the app.
      expect(imageUserCanWrite(sandbox.data)).toBe(true);
      expect(imageUserCanWrite(sandbox.app)).toBe(false);
      expect(imageUserCanWrite(repoRoot)).toBe(false);

      const port = await freePort();
      const env: Record<string, string> = {
        ...envOf(stage),
        TESSERA_DATA_DIR: sandbox.data,
        HOST: '127.0.0.1',
        PORT: String(port),
        HOME: sandbox.home,
        TMPDIR: sandbox.tmp,
        PATH: '/usr/local/bin:/usr/bin:/bin',
        TESSERA_BOOTSTRAP_TOKEN: token,
      };
      expect(env['NODE_OPTIONS']).toBeDefined();
      const [file, ...args] = asImageUser(command);
      let output = '';
      child = spawn(file!, args, { cwd: sandbox.app, env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;

      const status = await waitForHealth(`http://127.0.0.1:${port}/api/v1/health`, child, () => output);
      expect(status).toBe(200);
      const withToken = await fetch(`http://127.0.0.1:${port}/api/v1/health`, {
        headers: { 'xc-token': token },
      });
      expect(withToken.status).toBe(200);

      // The image's HEALTHCHECK, run as the image user with the container's environment.
      const [checkFile, ...checkArgs] = asImageUser(healthcheck);
      expect(spawnSync(checkFile!, checkArgs, { env, cwd: sandbox.app, timeout: 10_000 }).status).toBe(0);

      child.kill('SIGTERM');
      const [code, signal] = await exited;
      expect({ code, signal }, output).toEqual({ code: 0, signal: null });
      // The same check now fails, so it really asks the server.
      expect(spawnSync(checkFile!, checkArgs, { env, cwd: sandbox.app, timeout: 10_000 }).status).toBe(1);

      // State went to the data dir, owned by the image user; the secret is private.
      expect(statSync(join(sandbox.data, 'tessera.db')).uid).toBe(UID);
      const secret = statSync(join(sandbox.data, 'secrets', 'jwt-secret'));
      expect(secret.uid).toBe(UID);
      expect(secret.mode & 0o777).toBe(0o600);
      const dataEntries = readdirSync(sandbox.data, { recursive: true, encoding: 'utf8' });
      for (const entry of dataEntries) expect(lstatSync(join(sandbox.data, entry)).uid, entry).toBe(UID);

      // Nothing anywhere else: not HOME, not TMPDIR, not /tmp, not the app or the repository
      // (node_modules is entered only for caches, .git not at all).
      expect(readdirSync(sandbox.home)).toEqual([]);
      expect(readdirSync(sandbox.tmp)).toEqual([]);
      const newInTmp = [...tmpEntriesOwnedBy(UID)].filter((path) => !tmpBefore.has(path));
      expect(newInTmp).toEqual([]);
      expect(ownedBy(UID, sandbox.app)).toEqual([]);
      const modules = join(repoRoot, 'node_modules');
      const skip = (path: string): boolean =>
        path === join(repoRoot, '.git') ||
        (path.startsWith(`${modules}/`) && !path.startsWith(join(modules, '.cache')));
      expect(ownedBy(UID, repoRoot, skip)).toEqual([]);
    },
  );
});
