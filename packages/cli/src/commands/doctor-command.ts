import { printJson } from '../cli-io.ts';
import { type Command, ExitCode, jsonOption } from '../command.ts';
import { checkConfiguration } from '../doctor/config-check.ts';
import { checkDataDir } from '../doctor/data-dir-checks.ts';
import { checkDatabase } from '../doctor/database-checks.ts';
import type { CheckResult } from '../doctor/doctor-check.ts';
import { printChecks } from '../doctor/doctor-report.ts';

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'Check configuration, database reach, credentials, TLS, schema, data dir and disk',
  description: [
    'Checks what a Tessera start depends on and says what to fix for each problem: the',
    'configuration (as the server reads it), DNS resolution and TCP reach of the database host,',
    'the credentials, TLS, the schema version and privileges, whether the data directory and',
    'its uploads folder are writable, and free disk space. Exits 3 when a check fails; warnings',
    'do not fail. Like the server, it creates the data directory when it is missing.',
  ].join('\n'),
  options: { ...jsonOption },
  examples: ['tessera doctor', 'docker exec tessera tessera doctor --json'],
  async run({ options, io }) {
    const { result, target } = checkConfiguration(io);
    const checks: CheckResult[] = [
      result,
      ...(await checkDatabase(target.database)),
      ...(await checkDataDir(target.dataDir)),
    ];
    const passed = checks.every((c) => c.status !== 'fail');
    if (options['json'] === true) printJson(io, { ok: passed, checks });
    else printChecks(io, checks);
    return passed ? ExitCode.ok : ExitCode.checkFailed;
  },
};
