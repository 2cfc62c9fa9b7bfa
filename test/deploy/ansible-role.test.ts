// deploy/ansible: the example role parses, and its parts agree: every variable it uses is
// defined, every handler it notifies exists, every file and template it installs is there.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeFileNames, deployDir, parseYamlFile } from './support/deploy-files.ts';

const ansibleDir = join(deployDir, 'ansible');
const roleDir = join(ansibleDir, 'roles/tessera');

// biome-ignore lint/suspicious/noExplicitAny: Ansible files are free-form YAML
type Yaml = any;

function yamlOf(path: string): Yaml {
  return parseYamlFile(join(roleDir, path)).toJS();
}

const tasks: Yaml[] = yamlOf('tasks/main.yml');
const handlers: Yaml[] = yamlOf('handlers/main.yml');
const defaults: Record<string, unknown> = yamlOf('defaults/main.yml');
const vars: Record<string, unknown> = yamlOf('vars/main.yml');

function moduleArgs(task: Yaml, module: string): Yaml {
  return task[`ansible.builtin.${module}`];
}

describe('deploy/ansible role tessera', () => {
  it('parses: the playbook, requirements and every role file', () => {
    for (const file of ['site.yml', 'requirements.yml'])
      expect(() => parseYamlFile(join(ansibleDir, file))).not.toThrow();
    const roleFiles = readdirSync(roleDir, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.yml'),
    );
    expect(roleFiles.sort()).toEqual([
      'defaults/main.yml',
      'handlers/main.yml',
      'meta/main.yml',
      'tasks/main.yml',
      'vars/main.yml',
    ]);
    for (const file of roleFiles) expect(() => yamlOf(file), file).not.toThrow();
    expect(tasks.every((task) => typeof task.name === 'string')).toBe(true);
  });

  it('defines every tessera_* variable it uses', () => {
    const setByTasks = tasks.flatMap((task) => Object.keys(moduleArgs(task, 'set_fact') ?? {}));
    const defined = new Set([...Object.keys(defaults), ...Object.keys(vars), ...setByTasks]);
    const templates = readdirSync(join(roleDir, 'templates')).map((name) =>
      readFileSync(join(roleDir, 'templates', name), 'utf8'),
    );
    const texts = [
      ...['tasks/main.yml', 'handlers/main.yml', 'vars/main.yml', 'defaults/main.yml'].map((file) =>
        readFileSync(join(roleDir, file), 'utf8'),
      ),
      ...templates,
      readFileSync(join(ansibleDir, 'site.yml'), 'utf8'),
    ];
    const used = new Set(
      texts.flatMap((text) => [...text.matchAll(/\btessera_[a-z_]+\b/g)].map((m) => m[0])),
    );
    const undefinedVariables = [...used].filter((name) => !defined.has(name));
    expect(undefinedVariables).toEqual([]);
    expect(used.size).toBeGreaterThan(15);
  });

  it('notifies only handlers that exist', () => {
    const handlerNames = new Set(handlers.map((handler) => handler.name));
    const notified = tasks.flatMap((task) => [task.notify ?? []].flat());
    expect(notified.length).toBeGreaterThan(0);
    for (const name of notified) expect(handlerNames.has(name), name).toBe(true);
  });

  it('installs the files of deploy/ and templates that exist', () => {
    const copied = tasks
      .filter((task) => moduleArgs(task, 'copy'))
      .flatMap((task) => {
        const src: string = moduleArgs(task, 'copy').src;
        return task.loop ? task.loop.map((item: string) => src.replace('{{ item }}', item)) : [src];
      })
      .map((src) => src.replace('{{ tessera_deploy_files }}/', ''));
    expect(copied.sort()).toEqual([...composeFileNames, 'Caddyfile'].sort());
    for (const file of copied) expect(existsSync(join(deployDir, file)), file).toBe(true);
    // tessera_deploy_files points from the role to deploy/.
    expect(join(roleDir, String(defaults['tessera_deploy_files']).replace('{{ role_path }}', ''))).toBe(
      deployDir,
    );

    const templates = tasks
      .filter((task) => moduleArgs(task, 'template'))
      .map((task) => moduleArgs(task, 'template'));
    expect(templates.map((t) => t.dest.replace('{{ tessera_dir }}/', '')).sort()).toEqual([
      '.env',
      'compose.override.yaml',
      'tessera.env',
    ]);
    for (const template of templates) expect(existsSync(join(roleDir, 'templates', template.src))).toBe(true);
  });

  it('keeps the files holding secrets private and out of logs', () => {
    for (const task of tasks.filter((t) => /\.env$/.test(moduleArgs(t, 'template')?.dest ?? ''))) {
      expect(moduleArgs(task, 'template').mode, task.name).toBe('0600');
      expect(task.no_log, task.name).toBe(true);
      expect(task.diff, task.name).toBe(false);
    }
  });

  it('chooses the compose files the deploy/ docs describe, the host overlay last', () => {
    const choose = tasks.find((task) => moduleArgs(task, 'set_fact')?.tessera_compose_files);
    const expression: string = moduleArgs(choose, 'set_fact').tessera_compose_files;
    for (const name of composeFileNames) expect(expression).toContain(`'${name}'`);
    expect(expression.trim()).toMatch(/\['compose\.override\.yaml'\] \}\}$/);
  });
});
