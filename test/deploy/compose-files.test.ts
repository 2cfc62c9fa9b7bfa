// deploy/compose*.yaml and deploy/Caddyfile: valid YAML, the protections docs/deploy.md
// promises, and the pieces that must agree with each other and with the Dockerfile.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  composeFileNames,
  deployDir,
  parseYamlFile,
  readDeployFile,
  repoRoot,
  runtimeStage,
} from './support/deploy-files.ts';
import { envOf } from './support/dockerfile-model.ts';

// biome-ignore lint/suspicious/noExplicitAny: compose files are free-form YAML
type Yaml = any;

function compose(name: string): Yaml {
  return parseYamlFile(join(deployDir, name)).toJS();
}

const imagePort = envOf(runtimeStage())['PORT'];

describe('compose files', () => {
  it('are valid YAML with a services map', () => {
    for (const name of composeFileNames) {
      const file = compose(name);
      expect(typeof file.services, name).toBe('object');
      expect(Object.keys(file.services).length, name).toBeGreaterThan(0);
    }
  });

  it('grant no privileges: no privileged, cap_add, host namespaces or Docker socket', () => {
    for (const name of composeFileNames) {
      const text = readDeployFile(name);
      expect(text, name).not.toMatch(/--privileged|docker\.sock/);
      for (const [service, definition] of Object.entries<Yaml>(compose(name).services)) {
        const where = `${name} ${service}`;
        expect(definition.privileged, where).toBeUndefined();
        expect(definition.cap_add, where).toBeUndefined();
        for (const key of ['network_mode', 'pid', 'ipc', 'userns_mode']) {
          expect(definition[key], `${where} ${key}`).toBeUndefined();
        }
      }
    }
  });

  it('compose.yaml builds deploy/Dockerfile and runs Tessera locked down in 384 MB', () => {
    const tessera = compose('compose.yaml').services.tessera;
    expect(join(deployDir, tessera.build.context, tessera.build.dockerfile)).toBe(
      join(repoRoot, 'deploy/Dockerfile'),
    );
    expect(tessera.mem_limit).toBe('384m');
    expect(tessera.read_only).toBe(true);
    expect(tessera.cap_drop).toEqual(['ALL']);
    expect(tessera.security_opt).toContain('no-new-privileges:true');
    expect(tessera.tmpfs).toEqual([expect.stringMatching(/^\/tmp:size=\d+m/)]);
    expect(tessera.env_file).toEqual([{ path: 'tessera.env', required: false }]);
  });

  it('compose.yaml keeps /data in a named volume and publishes the image port on loopback', () => {
    const file = compose('compose.yaml');
    const tessera = file.services.tessera;
    expect(tessera.volumes).toEqual(['tessera-data:/data']);
    expect(Object.keys(file.volumes)).toEqual(['tessera-data']);
    expect(tessera.ports).toEqual([`\${TESSERA_PUBLISH:-127.0.0.1:8080}:${imagePort}`]);
  });

  it('compose.postgres.yaml adds a healthy postgres:17 that Tessera waits for and uses', () => {
    const file = compose('compose.postgres.yaml');
    const { postgres, tessera } = file.services;
    expect(postgres.image).toBe('postgres:17');
    expect(postgres.healthcheck.test).toContain('pg_isready');
    expect(postgres.ports).toBeUndefined();
    expect(postgres.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
    expect(Object.keys(file.volumes)).toEqual(['postgres-data']);
    expect(tessera.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });

    const url = new URL(tessera.environment.DATABASE_URL.replace(/\$\{[^}]*\}/, 'PASSWORD'));
    expect(url.protocol).toBe('postgres:');
    expect(url.hostname).toBe('postgres');
    expect(url.port).toBe('5432');
    expect(url.username).toBe(postgres.environment.POSTGRES_USER);
    expect(url.pathname).toBe(`/${postgres.environment.POSTGRES_DB}`);
    // Both sides take the one password variable, and it is required.
    expect(tessera.environment.DATABASE_URL).toContain('${POSTGRES_PASSWORD:?');
    expect(postgres.environment.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
  });

  it('compose.caddy.yaml unpublishes Tessera and puts Caddy on 80 and 443', () => {
    const document = parseYamlFile(join(deployDir, 'compose.caddy.yaml'));
    const ports = document.getIn(['services', 'tessera', 'ports'], true) as { tag?: string } | undefined;
    expect(ports?.tag).toBe('!reset');
    const file = document.toJS();
    expect(file.services.tessera.ports).toEqual([]);
    expect(file.services.tessera.environment.PUBLIC_URL).toMatch(/^https:\/\/\$\{TESSERA_DOMAIN:\?/);
    const caddy = file.services.caddy;
    expect(caddy.image).toMatch(/^caddy:2/);
    expect(caddy.ports).toEqual(expect.arrayContaining(['80:80', '443:443', '443:443/udp']));
    expect(caddy.environment.TESSERA_DOMAIN).toMatch(/^\$\{TESSERA_DOMAIN:\?/);
    const caddyfileMount = caddy.volumes.find((volume: string) =>
      volume.endsWith(':/etc/caddy/Caddyfile:ro'),
    );
    expect(existsSync(join(deployDir, caddyfileMount.split(':')[0]))).toBe(true);
    expect(caddy.volumes).toEqual(expect.arrayContaining(['caddy-data:/data', 'caddy-config:/config']));
  });

  it('documents every variable Compose interpolates in docs/deploy.md', () => {
    const docs = readFileSync(join(repoRoot, 'docs/deploy.md'), 'utf8');
    const variables = new Set(
      composeFileNames.flatMap((name) =>
        [...readDeployFile(name).matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((match) => match[1]!),
      ),
    );
    expect([...variables].sort()).toEqual([
      'POSTGRES_PASSWORD',
      'TESSERA_DOMAIN',
      'TESSERA_IMAGE',
      'TESSERA_PUBLISH',
    ]);
    for (const variable of variables) expect(docs, variable).toContain(`\`${variable}\``);
  });
});

describe('deploy/Caddyfile', () => {
  const caddyfile = readDeployFile('Caddyfile');

  it('serves the domain from the environment and proxies to Tessera on the image port', () => {
    expect(caddyfile).toMatch(/^\{\$TESSERA_DOMAIN\} \{$/m);
    expect(caddyfile).toMatch(new RegExp(`^\\s*reverse_proxy tessera:${imagePort}$`, 'm'));
  });

  it('sets the security headers and hides the server', () => {
    for (const header of [
      'Strict-Transport-Security',
      'X-Content-Type-Options nosniff',
      'X-Frame-Options DENY',
      'Referrer-Policy',
      'Permissions-Policy',
      '-Server',
    ]) {
      expect(caddyfile, header).toContain(header);
    }
  });

  it('has balanced braces', () => {
    const code = caddyfile.replace(/#.*$/gm, '');
    let depth = 0;
    for (const char of code) {
      if (char === '{' || char === '}') depth += char === '{' ? 1 : -1;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
  });
});
