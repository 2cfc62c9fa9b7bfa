// deploy/Dockerfile: dockerfilelint finds nothing, and the image has the properties
// docs/deploy.md promises (Node 24 slim, uid 1000, /data, health check, what is copied).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  dockerfilePath,
  dockerStages,
  readDeployFile,
  repoRoot,
  runtimeStage,
} from './support/deploy-files.ts';
import { copiesOf, envOf, execForm, healthcheckOf, instructionsNamed } from './support/dockerfile-model.ts';
import { dockerignoreKeeps } from './support/dockerignore.ts';

interface LintReport {
  readonly totalIssues: number;
  readonly files: { readonly issues: { readonly line: string; readonly title: string }[] }[];
}

describe('deploy/Dockerfile', () => {
  it('passes dockerfilelint with every rule on', () => {
    const lint = join(repoRoot, 'node_modules/dockerfilelint/bin/dockerfilelint');
    const result = spawnSync(process.execPath, [lint, '--json', dockerfilePath], { encoding: 'utf8' });
    const report = JSON.parse(result.stdout) as LintReport;
    const issues = report.files.flatMap((file) => file.issues.map((i) => `line ${i.line}: ${i.title}`));
    expect(issues).toEqual([]);
    expect(report.totalIssues).toBe(0);
    // No rule is switched off: a .dockerfilelintrc would sit beside the Dockerfile.
    expect(existsSync(join(repoRoot, 'deploy/.dockerfilelintrc'))).toBe(false);
  });

  it('builds every stage on the same Node.js 24 slim image', () => {
    const stages = dockerStages();
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.image).toMatch(/^node:24(-[a-z]+)?-slim$/);
    expect(new Set(stages.map((stage) => stage.image)).size).toBe(1);
  });

  it('runs as uid 1000, not root, from the last USER on', () => {
    const stage = runtimeStage();
    const users = instructionsNamed(stage, 'USER');
    expect(users.at(-1)?.args).toMatch(/^(1000|node)(:(1000|node))?$/);
    // Nothing after USER runs as root at build time, and the CMD runs as that user.
    const userAt = stage.instructions.indexOf(users.at(-1)!);
    const runsAfter = stage.instructions.slice(userAt).filter((i) => i.keyword === 'RUN');
    expect(runsAfter).toEqual([]);
  });

  it('keeps its state in the /data volume and listens on 0.0.0.0:8080', () => {
    const stage = runtimeStage();
    expect(instructionsNamed(stage, 'VOLUME').map((i) => i.args)).toContainEqual('/data');
    const env = envOf(stage);
    expect(env).toMatchObject({
      TESSERA_DATA_DIR: '/data',
      HOST: '0.0.0.0',
      PORT: '8080',
      NODE_ENV: 'production',
    });
    expect(instructionsNamed(stage, 'EXPOSE').map((i) => i.args)).toEqual([env['PORT']]);
    // /data is created for uid 1000, so a fresh named volume inherits that owner.
    const runs = instructionsNamed(stage, 'RUN').map((i) => i.args);
    expect(runs.some((run) => /mkdir -p \/data/.test(run) && /chown 1000:1000 \/data/.test(run))).toBe(true);
  });

  it('sizes the heap from the memory limit and keeps peaks low', () => {
    const env = envOf(runtimeStage());
    expect(env['NODE_OPTIONS']?.replace(/^"|"$/g, '').split(' ')).toEqual([
      expect.stringMatching(/^--max-old-space-size-percentage=\d+$/),
      '--max-semi-space-size=2',
    ]);
    expect(env['MALLOC_ARENA_MAX']).toBe('2');
  });

  it('checks health with node itself on /api/v1/health', () => {
    const healthcheck = healthcheckOf(runtimeStage());
    expect(healthcheck?.command?.[0]).toBe('node');
    expect(healthcheck?.command?.join(' ')).toContain('/api/v1/health');
    expect(healthcheck?.options).toMatchObject({ interval: '30s', timeout: '5s', retries: '3' });
  });

  it('starts the bundle with an exec-form CMD (so Node, PID 1, gets SIGTERM)', () => {
    const cmd = instructionsNamed(runtimeStage(), 'CMD').at(-1);
    expect(execForm(cmd?.args ?? '')).toEqual(['node', 'dist/tessera.mjs']);
    expect(instructionsNamed(runtimeStage(), 'ENTRYPOINT')).toEqual([]);
  });

  it('copies only the bundle, the package sources and production node_modules into the runtime image', () => {
    const copies = copiesOf(runtimeStage());
    const buildStage = dockerStages()[0]!;
    expect(copies.every((copy) => copy.from === buildStage.name)).toBe(true);
    expect(copies.flatMap((copy) => copy.sources).sort()).toEqual([
      '/app/dist',
      '/app/node_modules',
      '/app/packages',
    ]);
    const build = instructionsNamed(buildStage, 'RUN').map((i) => i.args);
    expect(build.some((run) => run.includes('npm run build') && run.includes('npm prune --omit=dev'))).toBe(
      true,
    );
  });

  it('copies only sources that exist and that Dockerfile.dockerignore lets through', () => {
    const ignore = readDeployFile('Dockerfile.dockerignore');
    const sources = dockerStages().flatMap((stage) =>
      copiesOf(stage)
        .filter((copy) => copy.from === undefined)
        .flatMap((copy) => copy.sources),
    );
    expect(sources.length).toBeGreaterThan(5);
    for (const source of sources) {
      const path = join(repoRoot, source);
      expect(existsSync(path), `${source} exists`).toBe(true);
      const files = statSync(path).isDirectory() ? filesUnder(path) : [path];
      const kept = files
        .map((file) => relative(repoRoot, file))
        .filter((file) => dockerignoreKeeps(ignore, file));
      expect(kept.length, `${source} reaches the build context`).toBeGreaterThan(0);
    }
    // What the build reads gets through; local state never does.
    for (const path of ['packages/server/src/main.ts', 'scripts/build-server.ts', 'package-lock.json'])
      expect(dockerignoreKeeps(ignore, path), path).toBe(true);
    for (const path of ['node_modules/pg/package.json', 'data/tessera.db', 'deploy/tessera.env', '.git/HEAD'])
      expect(dockerignoreKeeps(ignore, path), path).toBe(false);
  });

  it('puts a `tessera` command on PATH whose script reaches the image', () => {
    const runs = instructionsNamed(runtimeStage(), 'RUN').map((i) => i.args);
    const wrapper = runs.find((run) => run.includes('/usr/local/bin/tessera'));
    const target = /exec node \/app\/(\S+)/.exec(wrapper ?? '')?.[1];
    expect(target).toBe('packages/cli/bin/tessera.mjs');
    expect(existsSync(join(repoRoot, target!))).toBe(true);
    expect(dockerignoreKeeps(readDeployFile('Dockerfile.dockerignore'), target!)).toBe(true);
  });

  it('installs with npm ci and falls back to npm install like ./dev', () => {
    const dev = readFileSync(join(repoRoot, 'dev'), 'utf8');
    const runs = instructionsNamed(dockerStages()[0]!, 'RUN').map((i) => i.args);
    expect(runs.some((run) => /npm ci .*\|\| npm install /.test(run))).toBe(true);
    expect(dev).toMatch(/npm ci .*\|\| npm install /);
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}
