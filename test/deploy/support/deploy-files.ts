import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Document, parseDocument } from 'yaml';
import { type DockerStage, parseDockerfile } from './dockerfile-model.ts';

export const repoRoot = join(import.meta.dirname, '../../..');
export const deployDir = join(repoRoot, 'deploy');
export const dockerfilePath = join(deployDir, 'Dockerfile');

/** The compose files in deploy/: the base and its two overlays. */
export const composeFileNames = ['compose.yaml', 'compose.postgres.yaml', 'compose.caddy.yaml'] as const;

export function readDeployFile(name: string): string {
  return readFileSync(join(deployDir, name), 'utf8');
}

/** deploy/Dockerfile's stages; the last one is the image that runs. */
export function dockerStages(): DockerStage[] {
  return parseDockerfile(readFileSync(dockerfilePath, 'utf8'));
}

/** The runtime (last) stage of deploy/Dockerfile. */
export function runtimeStage(): DockerStage {
  const stage = dockerStages().at(-1);
  if (stage === undefined) throw new Error('deploy/Dockerfile has no FROM');
  return stage;
}

/**
 * A YAML file parsed as a document, failing on any syntax error. Compose's own `!reset` tag
 * is kept on its node (readable with `getIn(path, true).tag`) instead of warned about.
 */
export function parseYamlFile(path: string): Document.Parsed {
  const document = parseDocument(readFileSync(path, 'utf8'), {
    customTags: (tags) => [
      ...tags,
      { tag: '!reset', collection: 'seq', default: false, resolve: (value) => value },
      { tag: '!reset', collection: 'map', default: false, resolve: (value) => value },
    ],
  });
  if (document.errors.length > 0) {
    throw new Error(`${path}: ${document.errors.map((error) => error.message).join('; ')}`);
  }
  return document;
}
