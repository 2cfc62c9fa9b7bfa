import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { idsOf, type SchemaBuilder, schemaBuilder } from './support/schema-builder.ts';

/** The test's own model of the data, from which it computes every expected value. */
interface Task {
  id: number;
  title: string | null;
  points: number | null;
  hours: number;
  done: boolean;
  due: string | null;
  project: number | null;
  labels: number[];
}
interface Project {
  id: number;
  name: string;
}

const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
const rollups = ['count', 'countDistinct', 'sum', 'sumDistinct', 'avg', 'avgDistinct', 'min', 'max'] as const;
type Fn = (typeof rollups)[number];

function aggregate(fn: Fn, values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  const distinct = [...new Set(present)];
  const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
  switch (fn) {
    case 'count':
      return present.length;
    case 'countDistinct':
      return distinct.length;
    case 'sum':
      return present.length ? sum(present) : null;
    case 'sumDistinct':
      return distinct.length ? sum(distinct) : null;
    case 'avg':
      return present.length ? sum(present) / present.length : null;
    case 'avgDistinct':
      return distinct.length ? sum(distinct) / distinct.length : null;
    case 'min':
      return present.length ? Math.min(...present) : null;
    case 'max':
      return present.length ? Math.max(...present) : null;
  }
}

/** Tessera's order: NULLs first ascending and last descending, text case-insensitively, then id. */
function sortedIds<T extends { id: number }>(
  rows: readonly T[],
  key: (row: T) => string | number | null,
  desc = false,
) {
  const compare = (a: T, b: T) => {
    const x = key(a);
    const y = key(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? -1 : 1;
    if (typeof x === 'string' && typeof y === 'string') {
      const lower = x.toLowerCase().localeCompare(y.toLowerCase());
      return lower !== 0 ? lower : x < y ? -1 : x > y ? 1 : 0;
    }
    return x < y ? -1 : x > y ? 1 : 0;
  };
  return [...rows].sort((a, b) => (desc ? -1 : 1) * (compare(a, b) || a.id - b.id)).map((r) => r.id);
}

describe.each(testDialects)('lookups and rollups on %s', (dialect) => {
  let t: TestApp;
  let s: SchemaBuilder;
  let baseId: string;
  const tb = { projects: '', tasks: '', labels: '' };
  const projects: Project[] = [];
  const tasks: Task[] = [];
  const labelNames = new Map<number, string>();

  const tasksOf = (project: Project) =>
    tasks.filter((task) => task.project === project.id).sort((a, b) => a.id - b.id);
  const titles = (p: Project) => tasksOf(p).flatMap((task) => (task.title === null ? [] : [task.title]));
  const dues = (p: Project) => tasksOf(p).flatMap((task) => (task.due === null ? [] : [task.due]));
  const labelsOf = (p: Project) =>
    tasksOf(p).flatMap((task) => [...task.labels].sort((a, b) => a - b).map((id) => labelNames.get(id)!));
  const points = (p: Project) => tasksOf(p).map((task) => task.points);
  const latestDue = (p: Project) =>
    dues(p).reduce<string | null>((max, d) => (max === null || d > max ? d : max), null);
  const donePoints = (p: Project) =>
    aggregate(
      'sum',
      tasksOf(p)
        .filter((task) => task.done)
        .map((task) => task.points),
    );
  const hours = (p: Project) =>
    aggregate(
      'sum',
      tasksOf(p).map((task) => task.hours),
    );

  const where = async (tableId: string, filter: string) =>
    idsOf(await s.list(tableId, `fields=Id&where=${encodeURIComponent(filter)}`));
  const sorted = async (tableId: string, sort: string) =>
    idsOf(await s.list(tableId, `fields=Id&sort=${encodeURIComponent(sort)}`));
  const matching = (predicate: (p: Project) => boolean) => projects.filter(predicate).map((p) => p.id);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    s = schemaBuilder(t);
    baseId = await s.base('Planning');
    tb.projects = (await s.newTable(baseId, 'Projects', [{ title: 'Name', uidt: 'SingleLineText' }])).id;
    tb.tasks = (
      await s.newTable(baseId, 'Tasks', [
        { title: 'Title', uidt: 'SingleLineText' },
        { title: 'Points', uidt: 'Number' },
        { title: 'Hours', uidt: 'Decimal' },
        { title: 'Done', uidt: 'Checkbox' },
        { title: 'Due', uidt: 'Date' },
      ])
    ).id;
    tb.labels = (await s.newTable(baseId, 'Labels', [{ title: 'Label', uidt: 'SingleLineText' }])).id;
    const projectTasks = await s.link(tb.projects, 'Tasks', 'hm', tb.tasks);
    const taskLabels = await s.link(tb.tasks, 'Labels', 'mm', tb.labels);
    const taskProject = await s.fieldId(tb.tasks, 'Projects');
    const taskField = (title: string) => s.fieldId(tb.tasks, title);
    const lookup = (table: string, title: string, relation: string, target: string) =>
      s.field(table, { title, uidt: 'Lookup', fk_relation_column_id: relation, fk_lookup_column_id: target });
    await lookup(tb.projects, 'Task titles', projectTasks, await taskField('Title'));
    await lookup(tb.projects, 'Task due', projectTasks, await taskField('Due'));
    await lookup(tb.projects, 'Task labels', projectTasks, taskLabels);
    await lookup(tb.tasks, 'Project name', taskProject, await s.fieldId(tb.projects, 'Name'));
    const rollup = (title: string, target: string, fn: string, meta?: Record<string, unknown>) =>
      s.field(tb.projects, {
        title,
        uidt: 'Rollup',
        fk_relation_column_id: projectTasks,
        fk_rollup_column_id: target,
        rollup_function: fn,
        ...(meta ? { meta } : {}),
      });
    const pointsId = await taskField('Points');
    for (const fn of rollups) await rollup(`Points ${fn}`, pointsId, fn);
    await rollup('Done points', pointsId, 'sum', { where: '(Done,checked)' });
    await rollup('Latest due', await taskField('Due'), 'max');
    await rollup('Hours total', await taskField('Hours'), 'sum');

    const names = ['Apollo', 'Borealis', 'Cygnus', 'Draco', 'Eridanus', 'Fornax'];
    const projectIds = await s.records(
      tb.projects,
      names.map((Name) => ({ Name })),
    );
    projectIds.forEach((id, i) => {
      projects.push({ id, name: names[i]! });
    });
    const labelIds = await s.records(tb.labels, [
      { Label: 'urgent' },
      { Label: 'blocked' },
      { Label: 'easy' },
    ]);
    ['urgent', 'blocked', 'easy'].forEach((name, i) => {
      labelNames.set(labelIds[i]!, name);
    });
    // Deterministic variety: repeated points, nulls, tasks without a project, a project without tasks.
    const bodies = Array.from({ length: 24 }, (_, i) => {
      const task: Omit<Task, 'id'> = {
        title: i % 7 === 3 ? null : words[(i * 3) % words.length]!,
        points: i % 5 === 4 ? null : (i * 7) % 6,
        hours: ((i * 3) % 8) * 0.25,
        done: i % 3 === 0,
        due: i % 4 === 1 ? null : `2026-0${1 + (i % 6)}-${String(10 + ((i * 5) % 17)).padStart(2, '0')}`,
        project: i % 6 === 5 ? null : projectIds[(i * 7) % 5]!,
        labels: i % 2 === 0 ? [labelIds[i % 3]!] : i % 5 === 0 ? [labelIds[1]!, labelIds[2]!] : [],
      };
      return task;
    });
    const ids = await s.records(
      tb.tasks,
      bodies.map((task) => ({
        Title: task.title,
        Points: task.points,
        Hours: task.hours,
        Done: task.done,
        Due: task.due,
        Projects: task.project,
        Labels: task.labels,
      })),
    );
    bodies.forEach((task, i) => {
      tasks.push({ ...task, id: ids[i]! });
    });
  });
  afterAll(async () => t.close());

  it('computes lookups as lists in linked-record order, on lists and single reads', async () => {
    const rows = await s.list(tb.projects);
    expect(rows.map((r) => r['Task titles'])).toEqual(projects.map(titles));
    expect(rows.map((r) => r['Task due'])).toEqual(projects.map(dues));
    expect(rows.map((r) => r['Task labels'])).toEqual(projects.map(labelsOf));
    const taskRows = await s.list(tb.tasks, 'fields=Id,Project name,Projects');
    expect(taskRows.map((r) => r['Project name'])).toEqual(
      tasks.map((task) => (task.project === null ? [] : [projects.find((p) => p.id === task.project)!.name])),
    );
    const one = await s.ok('GET', `/api/v3/data/${baseId}/${tb.projects}/records/${projects[0]!.id}`);
    expect(one.fields['Task titles']).toEqual(titles(projects[0]!));
  });

  it('computes all eight rollup functions, a filtered rollup and min/max of dates', async () => {
    const rows = await s.list(tb.projects);
    for (const fn of rollups) {
      const expected = projects.map((p) => aggregate(fn, points(p)));
      const actual = rows.map((r) => r[`Points ${fn}`] as number | null);
      actual.forEach((value, i) => {
        if (expected[i] === null) expect(value, `${fn} of ${projects[i]!.name}`).toBeNull();
        else expect(value, `${fn} of ${projects[i]!.name}`).toBeCloseTo(expected[i]!, 9);
      });
    }
    expect(rows.map((r) => r['Done points'])).toEqual(projects.map(donePoints));
    expect(rows.map((r) => r['Latest due'])).toEqual(projects.map(latestDue));
    expect(rows.map((r) => r['Hours total'])).toEqual(projects.map(hours));
  });

  it('filters on rollups in the database, agreeing with the values computed here', async () => {
    const sum = (p: Project) => aggregate('sum', points(p));
    expect(await where(tb.projects, '(Points sum,gt,10)')).toEqual(matching((p) => (sum(p) ?? -1) > 10));
    expect(await where(tb.projects, '(Points sum,blank)')).toEqual(matching((p) => sum(p) === null));
    expect(await where(tb.projects, '(Points count,eq,0)')).toEqual(
      matching((p) => aggregate('count', points(p)) === 0),
    );
    expect(await where(tb.projects, '(Points avg,ge,2.5)')).toEqual(
      matching((p) => (aggregate('avg', points(p)) ?? -1) >= 2.5),
    );
    expect(await where(tb.projects, '(Points max,btw,3,4)')).toEqual(
      matching((p) => {
        const max = aggregate('max', points(p));
        return max !== null && max >= 3 && max <= 4;
      }),
    );
    expect(await where(tb.projects, '(Done points,neq,0)')).toEqual(matching((p) => donePoints(p) !== 0));
    expect(await where(tb.projects, '(Latest due,lt,exactDate,2026-05-01)')).toEqual(
      matching((p) => latestDue(p) !== null && latestDue(p)! < '2026-05-01'),
    );
    const count = await s.ok(
      'GET',
      `/api/v2/tables/${tb.projects}/records/count?where=${encodeURIComponent('(Points sum,gt,10)')}`,
    );
    expect(count.count).toBe(matching((p) => (sum(p) ?? -1) > 10).length);
  });

  it('filters on lookups: a value matches when any linked value does, negations when none does', async () => {
    const some = (list: (p: Project) => string[], test: (v: string) => boolean) =>
      matching((p) => list(p).some(test));
    const none = (list: (p: Project) => string[], test: (v: string) => boolean) =>
      matching((p) => !list(p).some(test));
    expect(await where(tb.projects, '(Task titles,eq,bravo)')).toEqual(some(titles, (v) => v === 'bravo'));
    expect(await where(tb.projects, '(Task titles,neq,bravo)')).toEqual(none(titles, (v) => v === 'bravo'));
    expect(await where(tb.projects, '(Task titles,like,LT)')).toEqual(some(titles, (v) => v.includes('lt')));
    expect(await where(tb.projects, '(Task titles,nlike,o)')).toEqual(none(titles, (v) => v.includes('o')));
    expect(await where(tb.projects, '(Task titles,blank)')).toEqual(matching((p) => titles(p).length === 0));
    expect(await where(tb.projects, '(Task titles,notblank)')).toEqual(matching((p) => titles(p).length > 0));
    expect(await where(tb.projects, '(Task titles,in,golf,hotel)')).toEqual(
      some(titles, (v) => v === 'golf' || v === 'hotel'),
    );
    expect(await where(tb.projects, '(Task due,ge,exactDate,2026-06-01)')).toEqual(
      some(dues, (v) => v >= '2026-06-01'),
    );
    expect(await where(tb.projects, '(Task labels,eq,blocked)')).toEqual(
      some(labelsOf, (v) => v === 'blocked'),
    );
    expect(await where(tb.projects, '(Task titles,eq,echo)~or(Points sum,lt,3)')).toEqual(
      matching((p) => titles(p).includes('echo') || (aggregate('sum', points(p)) ?? 99) < 3),
    );
    const nameOf = (task: Task) => projects.find((p) => p.id === task.project)?.name ?? null;
    const taskIds = (test: (task: Task) => boolean) => tasks.filter(test).map((task) => task.id);
    expect(await where(tb.tasks, '(Project name,eq,Cygnus)')).toEqual(
      taskIds((task) => nameOf(task) === 'Cygnus'),
    );
    expect(await where(tb.tasks, '(Projects,eq,Cygnus)')).toEqual(
      taskIds((task) => nameOf(task) === 'Cygnus'),
    );
    expect(await where(tb.tasks, '(Projects,blank)')).toEqual(taskIds((task) => task.project === null));
    expect(await where(tb.tasks, '(Labels,gt,1)')).toEqual(taskIds((task) => task.labels.length > 1));
  });

  it('sorts on lookups, rollups and links in the database, agreeing with the values computed here', async () => {
    const sum = (p: Project) => aggregate('sum', points(p));
    expect(await sorted(tb.projects, '-Points sum')).toEqual(sortedIds(projects, sum, true));
    expect(await sorted(tb.projects, 'Points sum')).toEqual(sortedIds(projects, sum));
    expect(await sorted(tb.projects, 'Task titles')).toEqual(
      sortedIds(projects, (p) => titles(p)[0] ?? null),
    );
    expect(await sorted(tb.projects, '-Latest due')).toEqual(sortedIds(projects, latestDue, true));
    expect(await sorted(tb.projects, 'Tasks')).toEqual(sortedIds(projects, (p) => tasksOf(p).length));
    const nameOf = (task: Task) => projects.find((p) => p.id === task.project)?.name ?? null;
    expect(await sorted(tb.tasks, 'Projects')).toEqual(sortedIds(tasks, nameOf));
    expect(await sorted(tb.tasks, '-Project name')).toEqual(sortedIds(tasks, nameOf, true));
    const v3 = await s.ok(
      'GET',
      `/api/v3/data/${baseId}/${tb.projects}/records?fields=Id&sort=${encodeURIComponent('[{"field":"Points max","direction":"desc"}]')}`,
    );
    expect(v3.records.map((r: { id: number }) => r.id)).toEqual(
      sortedIds(projects, (p) => aggregate('max', points(p)), true),
    );
  });

  it('answers v3 writes with computed values already up to date', async () => {
    const fornax = projects.find((p) => p.name === 'Fornax')!;
    const created = await s.ok('POST', `/api/v3/data/${baseId}/${tb.tasks}/records`, [
      {
        fields: {
          Title: 'india',
          Points: 40,
          Hours: 1.5,
          Done: true,
          Due: '2026-12-24',
          Projects: fornax.id,
        },
      },
    ]);
    const reply = created.records[0];
    expect(reply.fields['Project name']).toEqual(['Fornax']);
    expect(reply.fields.Projects).toEqual({ id: fornax.id, fields: { Name: 'Fornax' } });
    tasks.push({
      id: reply.id,
      title: 'india',
      points: 40,
      hours: 1.5,
      done: true,
      due: '2026-12-24',
      project: fornax.id,
      labels: [],
    });
    const patched = await s.ok('PATCH', `/api/v3/data/${baseId}/${tb.projects}/records`, [
      { id: fornax.id, fields: { Name: 'Fornax' } },
    ]);
    expect(patched.records[0].fields['Points sum']).toBe(aggregate('sum', points(fornax)));
    expect(patched.records[0].fields['Done points']).toBe(donePoints(fornax));
    expect(patched.records[0].fields['Latest due']).toBe('2026-12-24');
    expect(patched.records[0].fields['Task titles']).toEqual(titles(fornax));
    // A new project created with its task links in the body: its rollups count them at once.
    const moved = tasks.filter((task) => task.project === projects[0]!.id).slice(0, 2);
    const project = await s.ok('POST', `/api/v3/data/${baseId}/${tb.projects}/records`, {
      fields: { Name: 'Gemini', Tasks: moved.map((task) => ({ id: task.id })) },
    });
    const gemini = { id: project.records[0].id, name: 'Gemini' };
    for (const task of moved) task.project = gemini.id;
    projects.push(gemini);
    expect(project.records[0].fields['Points count']).toBe(aggregate('count', points(gemini)));
    expect(project.records[0].fields.Tasks.map((r: { id: number }) => r.id)).toEqual(
      moved.map((task) => task.id),
    );
    // Updating a task changes its project's rollups; unlinking takes it out.
    const task = moved[0]!;
    await s.ok('PATCH', `/api/v2/tables/${tb.tasks}/records`, { Id: task.id, Points: 100 });
    task.points = 100;
    await s.ok(
      'DELETE',
      `/api/v2/tables/${tb.projects}/links/${await s.fieldId(tb.projects, 'Tasks')}/records/${gemini.id}`,
      [moved[1]!.id],
    );
    moved[1]!.project = null;
    const read = await s.ok('GET', `/api/v2/tables/${tb.projects}/records/${gemini.id}`);
    expect(read['Points sum']).toBe(aggregate('sum', points(gemini)));
    expect(read['Task titles']).toEqual(titles(gemini));
    expect(await where(tb.projects, '(Points sum,gt,50)')).toEqual(
      matching((p) => (aggregate('sum', points(p)) ?? -1) > 50),
    );
  });

  it('refuses bad lookups and rollups, and writes to them', async () => {
    const projectTasks = await s.fieldId(tb.projects, 'Tasks');
    const title = await s.fieldId(tb.tasks, 'Title');
    const done = await s.fieldId(tb.tasks, 'Done');
    const name = await s.fieldId(tb.projects, 'Name');
    const add = (body: Record<string, unknown>) =>
      t.call('POST', `/api/v2/meta/tables/${tb.projects}/columns`, body);
    const lookup = { title: 'Bad', uidt: 'Lookup' };
    const rollup = { title: 'Bad', uidt: 'Rollup', fk_relation_column_id: projectTasks };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...lookup, fk_relation_column_id: projectTasks }, /fk_lookup_column_id/],
      [{ ...lookup, fk_lookup_column_id: title }, /fk_relation_column_id/],
      [{ ...lookup, fk_relation_column_id: name, fk_lookup_column_id: title }, /not a link field/],
      [
        { ...lookup, fk_relation_column_id: projectTasks, fk_lookup_column_id: name },
        /not a field of the linked table/,
      ],
      [{ ...rollup, fk_rollup_column_id: title, rollup_function: 'sum' }, /sum needs a number field/],
      [
        { ...rollup, fk_rollup_column_id: done, rollup_function: 'max' },
        /max needs a number, date or time field/,
      ],
      [
        { ...rollup, fk_rollup_column_id: title, rollup_function: 'median' },
        /rollup_function must be one of/,
      ],
      [{ ...rollup, fk_rollup_column_id: title }, /rollup_function is required/],
      [
        { ...rollup, fk_rollup_column_id: title, rollup_function: 'count', meta: { where: '(Nope,eq,1)' } },
        /invalid where/,
      ],
      [{ ...rollup, fk_rollup_column_id: title, rollup_function: 'count', unique: true }, /cannot be unique/],
    ];
    for (const [body, message] of cases) {
      const response = await add(body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.msg, JSON.stringify(body)).toMatch(message);
    }
    // A rollup over a rollup that would roll up the first one: a circle, refused.
    const pointsMax = await s.fieldId(tb.projects, 'Points max');
    await s.field(tb.tasks, {
      title: 'Project max',
      uidt: 'Rollup',
      fk_relation_column_id: await s.fieldId(tb.tasks, 'Projects'),
      fk_rollup_column_id: pointsMax,
      rollup_function: 'max',
    });
    const circle = await t.call('PATCH', `/api/v2/meta/columns/${pointsMax}`, {
      fk_rollup_column_id: await s.fieldId(tb.tasks, 'Project max'),
    });
    expect(circle.status).toBe(422);
    expect(circle.body.msg).toMatch(/circular reference: 'Points max' → 'Project max' → 'Points max'/);
    const write = await t.call('POST', `/api/v2/tables/${tb.projects}/records`, {
      Name: 'X',
      'Points sum': 3,
    });
    expect(write.status).toBe(400);
    expect(write.body.msg).toMatch(/'Points sum' is computed and cannot be written/);
    const badOp = await t.call(
      'GET',
      `/api/v2/tables/${tb.projects}/records?where=${encodeURIComponent('(Points sum,like,3)')}`,
    );
    expect(badOp.status).toBe(422);
    expect(badOp.body.error).toBe('ERR_INVALID_FILTER');
    const convert = await t.call(
      'PATCH',
      `/api/v2/meta/columns/${await s.fieldId(tb.projects, 'Points sum')}`,
      {
        uidt: 'Number',
      },
    );
    expect(convert.status).toBe(422);
  });

  it('changes a rollup function in place, and drops rollups and lookups with the fields they use', async () => {
    const avg = await s.fieldId(tb.projects, 'Points avg');
    const changed = await t.call('PATCH', `/api/v2/meta/columns/${avg}`, { rollup_function: 'max' });
    expect(changed.status).toBe(200);
    const rows = await s.list(tb.projects, 'fields=Id,Points avg');
    expect(rows.map((r) => r['Points avg'])).toEqual(projects.map((p) => aggregate('max', points(p))));
    await s.ok('DELETE', `/api/v2/meta/columns/${await s.fieldId(tb.tasks, 'Points')}`);
    const titlesLeft = (await s.table(tb.projects)).columns.map((c) => c.title);
    expect(titlesLeft.filter((title) => title.startsWith('Points'))).toEqual([]);
    expect(titlesLeft).toContain('Latest due');
    expect(titlesLeft).not.toContain('Done points');
    await s.ok('DELETE', `/api/v2/meta/columns/${await s.fieldId(tb.projects, 'Tasks')}`);
    const after = (await s.table(tb.projects)).columns.map((c) => c.uidt);
    expect(after.filter((uidt) => uidt === 'Lookup' || uidt === 'Rollup')).toEqual([]);
    expect((await s.table(tb.tasks)).columns.some((c) => c.title === 'Project name')).toBe(false);
    expect((await s.list(tb.projects)).length).toBe(projects.length);
  });
});
