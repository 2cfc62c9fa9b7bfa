// A production plan built through the API only: Series → Episodes → Scenes → Assets, with a
// lookup of the series title on scenes (through the episode's own lookup), a rollup of scene
// durations per episode, a count of assets per scene and a status formula, every computed
// value checked against the test's own model after each kind of change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { idsOf, type SchemaBuilder, schemaBuilder } from './support/schema-builder.ts';

interface Model {
  series: Map<number, string>;
  episodes: Map<number, { title: string; series: number | null }>;
  scenes: Map<number, { title: string; seconds: number | null; episode: number | null }>;
  assets: Map<number, { name: string; scene: number | null }>;
}

describe.each(testDialects)('production planning on %s', (dialect) => {
  let t: TestApp;
  let s: SchemaBuilder;
  let baseId: string;
  const tb = { series: '', episodes: '', scenes: '', assets: '' };
  const links = { seriesEpisodes: '', episodeScenes: '', sceneAssets: '', sceneEpisode: '' };
  const m: Model = { series: new Map(), episodes: new Map(), scenes: new Map(), assets: new Map() };

  const runtime = (episode: number) => {
    const seconds = [...m.scenes.values()].filter((x) => x.episode === episode && x.seconds !== null);
    return seconds.length ? seconds.reduce((sum, x) => sum + (x.seconds ?? 0), 0) : null;
  };
  const seriesTitleOf = (episode: number | null) => {
    const series = episode === null ? null : (m.episodes.get(episode)?.series ?? null);
    return series === null ? [] : [m.series.get(series)!];
  };
  const assetCount = (scene: number) => [...m.assets.values()].filter((a) => a.scene === scene).length;
  const status = (episode: number) => ((runtime(episode) ?? 0) >= 120 ? 'complete' : 'draft');

  /** Reads every computed value through the API and compares it with the model. */
  const verify = async () => {
    const scenes = await s.list(tb.scenes, 'fields=Id,Title,Series,Assets,Asset count,Episodes');
    expect(scenes).toEqual(
      [...m.scenes].map(([id, scene]) => ({
        Id: id,
        Title: scene.title,
        Series: seriesTitleOf(scene.episode),
        Assets: assetCount(id),
        'Asset count': assetCount(id),
        Episodes:
          scene.episode === null ? null : { Id: scene.episode, Title: m.episodes.get(scene.episode)!.title },
      })),
    );
    const episodes = await s.list(tb.episodes, 'fields=Id,Series title,Runtime,Scenes,Status');
    expect(episodes).toEqual(
      [...m.episodes].map(([id, episode]) => ({
        Id: id,
        'Series title': episode.series === null ? [] : [m.series.get(episode.series)!],
        Runtime: runtime(id),
        Scenes: [...m.scenes.values()].filter((x) => x.episode === id).length,
        Status: status(id),
      })),
    );
    // The database filters and sorts on the same values.
    for (const [id, title] of m.series) {
      const where = encodeURIComponent(`(Series,eq,${title})`);
      const expected = [...m.scenes]
        .filter(([, x]) => seriesTitleOf(x.episode)[0] === title)
        .map(([sceneId]) => sceneId);
      expect(idsOf(await s.list(tb.scenes, `fields=Id&where=${where}`)), `scenes of series ${id}`).toEqual(
        expected,
      );
    }
    const byRuntime = [...m.episodes.keys()].sort((a, b) => {
      const x = runtime(a);
      const y = runtime(b);
      if (x === y) return b - a;
      if (x === null) return 1;
      if (y === null) return -1;
      return y - x;
    });
    expect(idsOf(await s.list(tb.episodes, 'fields=Id&sort=-Runtime'))).toEqual(byRuntime);
    const complete = [...m.episodes.keys()].filter((id) => status(id) === 'complete');
    expect(idsOf(await s.list(tb.episodes, 'fields=Id&where=(Status,eq,complete)'))).toEqual(complete);
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    s = schemaBuilder(t);
    baseId = await s.base('Production');
    const text = (title: string) => ({ title, uidt: 'SingleLineText' });
    tb.series = (await s.newTable(baseId, 'Series', [text('Title')])).id;
    tb.episodes = (await s.newTable(baseId, 'Episodes', [text('Title')])).id;
    tb.scenes = (
      await s.newTable(baseId, 'Scenes', [text('Title'), { title: 'Seconds', uidt: 'Number' }])
    ).id;
    tb.assets = (await s.newTable(baseId, 'Assets', [text('Name')])).id;
    links.seriesEpisodes = await s.link(tb.series, 'Episodes', 'hm', tb.episodes);
    links.episodeScenes = await s.link(tb.episodes, 'Scenes', 'hm', tb.scenes);
    links.sceneAssets = await s.link(tb.scenes, 'Assets', 'hm', tb.assets);
    links.sceneEpisode = await s.fieldId(tb.scenes, 'Episodes');
    const episodeSeries = await s.fieldId(tb.episodes, 'Series');
    const seriesTitle = await s.field(tb.episodes, {
      title: 'Series title',
      uidt: 'Lookup',
      fk_relation_column_id: episodeSeries,
      fk_lookup_column_id: await s.fieldId(tb.series, 'Title'),
    });
    await s.field(tb.scenes, {
      title: 'Series',
      uidt: 'Lookup',
      fk_relation_column_id: links.sceneEpisode,
      fk_lookup_column_id: seriesTitle,
    });
    await s.field(tb.episodes, {
      title: 'Runtime',
      uidt: 'Rollup',
      fk_relation_column_id: links.episodeScenes,
      fk_rollup_column_id: await s.fieldId(tb.scenes, 'Seconds'),
      rollup_function: 'sum',
    });
    await s.field(tb.scenes, {
      title: 'Asset count',
      uidt: 'Rollup',
      fk_relation_column_id: links.sceneAssets,
      fk_rollup_column_id: await s.fieldId(tb.assets, 'Id'),
      rollup_function: 'count',
    });
    await s.field(tb.episodes, {
      title: 'Status',
      uidt: 'Formula',
      formula_raw: 'IF({Runtime} >= 120, "complete", "draft")',
    });
  });
  afterAll(async () => t.close());

  it('computes everything right after inserts with links in the bodies', async () => {
    const [bb, bcs] = await s.records(tb.series, [{ Title: 'Breaking' }, { Title: 'Saul' }]);
    m.series.set(bb!, 'Breaking').set(bcs!, 'Saul');
    const episodes = [
      { title: 'Pilot', series: bb! },
      { title: 'Cat', series: bb! },
      { title: 'Uno', series: bcs! },
      { title: 'Loose', series: null },
    ];
    const episodeIds = await s.records(
      tb.episodes,
      episodes.map((e) => ({ Title: e.title, Series: e.series })),
    );
    episodeIds.forEach((id, i) => {
      m.episodes.set(id, episodes[i]!);
    });
    const scenes = [
      { title: 'Desert', seconds: 90, episode: episodeIds[0]! },
      { title: 'Lab', seconds: 45, episode: episodeIds[0]! },
      { title: 'Car', seconds: null, episode: episodeIds[1]! },
      { title: 'Court', seconds: 200, episode: episodeIds[2]! },
      { title: 'Cut', seconds: 30, episode: null },
    ];
    const sceneIds = await s.records(
      tb.scenes,
      scenes.map((x) => ({ Title: x.title, Seconds: x.seconds, Episodes: x.episode })),
    );
    sceneIds.forEach((id, i) => {
      m.scenes.set(id, scenes[i]!);
    });
    // Assets linked from the scene's side (a has-many value in the scene's update body).
    const assetIds = await s.records(tb.assets, [
      { Name: 'RV' },
      { Name: 'Hat' },
      { Name: 'Gavel' },
      { Name: 'Spare' },
    ]);
    ['RV', 'Hat', 'Gavel', 'Spare'].forEach((name, i) => {
      m.assets.set(assetIds[i]!, { name, scene: null });
    });
    await s.ok('PATCH', `/api/v2/tables/${tb.scenes}/records`, [
      { Id: sceneIds[0], Assets: [assetIds[0], assetIds[1]] },
      { Id: sceneIds[3], Assets: [{ Id: assetIds[2] }] },
    ]);
    m.assets.get(assetIds[0]!)!.scene = sceneIds[0]!;
    m.assets.get(assetIds[1]!)!.scene = sceneIds[0]!;
    m.assets.get(assetIds[2]!)!.scene = sceneIds[3]!;
    await verify();
  });

  it('recomputes after updates, link and unlink', async () => {
    const [desert, lab, car] = [...m.scenes.keys()];
    await s.ok('PATCH', `/api/v2/tables/${tb.scenes}/records`, [
      { Id: lab, Seconds: 10 },
      { Id: car, Seconds: 300 },
    ]);
    m.scenes.get(lab!)!.seconds = 10;
    m.scenes.get(car!)!.seconds = 300;
    await verify();
    // Move a scene to another episode through the link endpoint of the episode (v3).
    const uno = [...m.episodes].find(([, e]) => e.title === 'Uno')![0];
    await s.ok('POST', `/api/v3/data/${baseId}/${tb.episodes}/links/${links.episodeScenes}/${uno}`, [
      { id: desert },
    ]);
    m.scenes.get(desert!)!.episode = uno;
    await verify();
    // Unlink an asset, and link the spare one.
    const [rv, , , spare] = [...m.assets.keys()];
    await s.ok('DELETE', `/api/v2/tables/${tb.scenes}/links/${links.sceneAssets}/records/${desert}`, [rv]);
    await s.ok('POST', `/api/v2/tables/${tb.scenes}/links/${links.sceneAssets}/records/${car}`, [spare]);
    m.assets.get(rv!)!.scene = null;
    m.assets.get(spare!)!.scene = car!;
    // Rename a series: the lookup two links away follows.
    const [bb] = [...m.series.keys()];
    await s.ok('PATCH', `/api/v2/tables/${tb.series}/records`, { Id: bb, Title: 'Breaking Bad' });
    m.series.set(bb!, 'Breaking Bad');
    // Re-attach the loose episode to a series from the series' side.
    const loose = [...m.episodes].find(([, e]) => e.title === 'Loose')![0];
    await s.ok('POST', `/api/v2/tables/${tb.series}/links/${links.seriesEpisodes}/records/${bb}`, [loose]);
    m.episodes.get(loose)!.series = bb!;
    await verify();
  });

  it('recomputes after deletes of linked records', async () => {
    const [desert] = [...m.scenes.keys()];
    await s.ok('DELETE', `/api/v2/tables/${tb.scenes}/records`, { Id: desert });
    for (const asset of m.assets.values()) if (asset.scene === desert) asset.scene = null;
    m.scenes.delete(desert!);
    const [, saul] = [...m.series.keys()];
    await s.ok('DELETE', `/api/v2/tables/${tb.series}/records`, { Id: saul });
    for (const episode of m.episodes.values()) if (episode.series === saul) episode.series = null;
    m.series.delete(saul!);
    const cat = [...m.episodes].find(([, e]) => e.title === 'Cat')![0];
    await s.ok('DELETE', `/api/v2/tables/${tb.episodes}/records`, { Id: cat });
    for (const scene of m.scenes.values()) if (scene.episode === cat) scene.episode = null;
    m.episodes.delete(cat);
    await verify();
    expect(
      (await s.list(tb.assets, 'fields=Id,Scenes')).map(
        (a) => (a.Scenes as { Id: number } | null)?.Id ?? null,
      ),
    ).toEqual([...m.assets.values()].map((a) => a.scene));
  });
});
