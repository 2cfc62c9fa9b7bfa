// Uploaded files travel with backups: after a restore into a new database and data
// directory, the restored server serves the same files and keeps counting AutoNumbers.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createTestDatabase, testDialects } from '../../../../test/support/test-databases.ts';
import { backupInstance, restoreInstance } from '../../../store/src/index.ts';
import { fetchLink, pngImage, uploadFiles } from './support/test-files.ts';

describe.each(testDialects)('attachments in backups on %s', (dialect) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it('a restored instance serves the uploaded files and continues AutoNumbers', async () => {
    const source: TestApp = await createTestApp(dialect);
    cleanup.push(() => source.close());
    const baseId = (await source.call('POST', '/api/v2/meta/bases', { title: 'Archive' })).body.id;
    const table = await source.call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
      title: 'Scans',
      columns: [
        { title: 'No', uidt: 'AutoNumber' },
        { title: 'Scan', uidt: 'Attachment' },
      ],
    });
    const png = pngImage(40, 30);
    const uploaded = await uploadFiles(source, [
      { name: 'file', filename: 'scan.png', type: 'image/png', data: png },
    ]);
    const records = `/api/v2/tables/${table.body.id}/records`;
    await source.call('POST', records, [{ Scan: uploaded.body }, {}, {}]);
    await source.call('DELETE', records, { Id: 3 });

    const archive = join(mkdtempSync(join(tmpdir(), 'tessera-backup-')), 'instance.tessera');
    const backup = await backupInstance(source.config.database, {
      file: archive,
      dataDir: source.config.dataDir,
    });
    expect(backup.files.count).toBe(4); // the file and its three thumbnails

    const target = await createTestDatabase(dialect);
    cleanup.push(() => target.drop());
    const dataDir = mkdtempSync(join(tmpdir(), 'tessera-restored-'));
    await restoreInstance(target.config, { file: archive, dataDir });
    const restored = await createTestApp(dialect, { database: target.config, dataDir });
    cleanup.push(() => restored.close());

    const [first] = (await restored.call('GET', `${records}?sort=Id`)).body.list;
    const file = first.Scan[0];
    const download = await fetchLink(restored, file.signedUrl);
    expect(download.statusCode).toBe(200);
    expect(Buffer.compare(download.rawPayload, png)).toBe(0);
    const thumbnail = await fetchLink(restored, file.thumbnails.tiny.signedUrl);
    expect(thumbnail.statusCode).toBe(200);
    const next = await restored.call('POST', records, {});
    expect((await restored.call('GET', `${records}/${next.body.Id}`)).body.No).toBe(4);
  });
});
