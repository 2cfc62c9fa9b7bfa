import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventsResult, EventsRun, LatencySummary, RateSummary } from './events-results.ts';
import { formatWithBiome } from './report.ts';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

function integrity(f: { missing: number; duplicates: number; gaps: number }): string {
  const problems = [
    f.missing ? `**${f.missing} missing**` : '',
    f.duplicates ? `**${f.duplicates} twice**` : '',
    f.gaps ? `**${f.gaps} out of order**` : '',
  ].filter(Boolean);
  return problems.length === 0 ? 'none lost, none twice, in order' : problems.join(', ');
}

function latency(summary: LatencySummary): string {
  return `p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms (max ${summary.maxMs} ms)`;
}

function rate(summary: RateSummary): string {
  return `${integer.format(summary.perSecond)} events/s per receiver; last one ${summary.drainSeconds} s after the last write`;
}

function resultLines(result: EventsResult): string[] {
  const lines = [`## ${result.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`, ''];
  const { paced, sustained } = result;
  if (paced) {
    lines.push(
      `### Paced: ${integer.format(paced.writesPerSecond)} writes/s sent (${integer.format(paced.answered)} answered 2xx${paced.failed ? `, **${integer.format(paced.failed)} failed or timed out**` : ''})`,
      '',
      "| Path | Receivers | Latency from sending the write | Ratio to the write's answer (p50 / p99) | Delivery |",
      '| --- | --- | --- | --- | --- |',
      `| Write answered (POST one record) | — | ${latency(paced.write)} | 1.00× / 1.00× | — |`,
    );
    for (const path of paced.paths)
      lines.push(
        `| ${path.path} | ${path.receivers} | ${latency(path.figures)} | ${(path.figures.p50Ms / paced.write.p50Ms).toFixed(2)}× / ${(path.figures.p99Ms / paced.write.p99Ms).toFixed(2)}× | ${integrity(path.figures)} |`,
      );
    lines.push('');
  }
  if (sustained) {
    lines.push(
      `### Sustained: writes as fast as they go (${integer.format(sustained.writesPerSecond)} writes/s committed${sustained.failed ? `, **${sustained.failed} failed**` : ''})`,
      '',
      '| Path | Receivers | Throughput | Ratio to writes/s | Delivery |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const path of sustained.paths)
      lines.push(
        `| ${path.path} | ${path.receivers} | ${rate(path.figures)} | ${(path.figures.perSecond / sustained.writesPerSecond).toFixed(2)}× | ${integrity(path.figures)} |`,
      );
    lines.push('');
  }
  if (result.peakRss.length > 0)
    lines.push(
      `Peak RSS (VmHWM): ${result.peakRss.map((p) => `${p.server} ${mb(p.bytes)}`).join(', ')}.`,
      '',
    );
  for (const note of result.notes) lines.push(`- ${note}`);
  if (result.notes.length > 0) lines.push('');
  for (const error of result.errors) lines.push('```', error, '```', '');
  return lines;
}

export function renderEventsMarkdown(run: EventsRun): string {
  const { options, machine } = run;
  return [
    `# Tessera events benchmark (${run.startedAt.slice(0, 10)})`,
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB RAM, ${machine.os}; Node ${machine.node}; commit ${run.commit}.`,
    `Server: \`${run.server}\`.`,
    `Run: ${options.sockets} WebSocket subscribers per server${options.webhook ? ' and one webhook to a local receiver' : ''}; ` +
      `paced ${options.rate} writes/s for ${options.duration} s, then ${options.writers} writers back to back for ${options.burst} s. ` +
      'Latency runs from sending the write to the arrival of its event; load generator, receivers, server and database share this machine.',
    '',
    ...run.results.flatMap(resultLines),
  ].join('\n');
}

export function writeEventsReport(run: EventsRun, outDir: string): { markdown: string; json: string } {
  mkdirSync(outDir, { recursive: true });
  const markdown = join(outDir, 'events-latest.md');
  const json = join(outDir, 'events-latest.json');
  writeFileSync(markdown, `${renderEventsMarkdown(run)}\n`);
  writeFileSync(json, `${JSON.stringify(run, null, 2)}\n`);
  formatWithBiome([markdown, json]);
  return { markdown, json };
}
