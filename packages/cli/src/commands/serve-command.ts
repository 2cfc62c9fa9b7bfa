import { type Command, ExitCode, UsageError } from '../command.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Start the Tessera server',
  description: [
    'Starts the HTTP server, configured by the environment (see docs/configuration.md). It',
    'listens at once and connects to the database in the background, retrying with back-off;',
    'SIGTERM or SIGINT stop it gracefully. --port and --host override PORT and HOST.',
  ].join('\n'),
  options: {
    port: { type: 'string', short: 'p', placeholder: '<port>', description: 'Port to listen on (PORT)' },
    host: {
      type: 'string',
      placeholder: '<address>',
      description: 'Interface to listen on (HOST), e.g. 0.0.0.0',
    },
  },
  examples: [
    'tessera serve',
    'DATABASE_URL=postgres://tessera@db/tessera tessera serve --host 0.0.0.0 --port 8080',
  ],
  async run({ options }) {
    for (const [option, variable] of [
      ['port', 'PORT'],
      ['host', 'HOST'],
    ] as const) {
      const value = options[option];
      if (typeof value === 'string') {
        if (value.trim() === '') throw new UsageError(`--${option} needs a value`);
        process.env[variable] = value;
      }
    }
    // The server's entry point reads the environment, starts, and stops on signals itself.
    await import('../../../server/src/main.ts');
    return ExitCode.ok;
  },
};
