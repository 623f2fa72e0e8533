// The `memberkit-server` command: start the server (`--demo` for the demo organizations), create
// an organization (`init`), rotate keys. Configuration comes from the environment (see --help).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, describeVariables, parseConfig, type ServerConfig } from './config.js';
import { revokeOlderSecretKeys, rotatePublishableKey, rotateSecretKey } from './keys.js';
import { SignedMemberTokens } from './member-tokens.js';
import { createOrganization } from './organizations.js';
import { createServer, openStorage } from './server.js';
import { systemClock } from '@memberkit/api';
import pino from 'pino';

export const usage = `memberkit-server: the memberkit membership API as a service.

Usage:
  memberkit-server [--port N]            start the server (default port 8080)
  memberkit-server --demo [--port N]     start it with the demo organizations and the payment stand-in (port 4400)
  memberkit-server init --config FILE    create an organization from a JSON file and print its secret key once
  memberkit-server init --id ID --name NAME --currency EUR --time-zone Europe/Berlin
                        [--locale de-DE] [--terms-url URL] [--logo-url URL] [--embed-origin ORIGIN]…
  memberkit-server rotate-secret-key ORG          add a new secret key (the old ones keep working)
  memberkit-server revoke-old-secret-keys ORG     keep only the newest secret key
  memberkit-server rotate-publishable-key ORG     replace the publishable key (the old one stops working)
  memberkit-server rotate-signing-key             sign member tokens with a new key (issued tokens stay valid)
  memberkit-server run-lifecycle --date YYYY-MM-DD [--organization ID]
                        run the lifecycle (renewals, reminders, terminations) for that day now, for every
                        organization or one (the server runs each organization's days by itself)
  memberkit-server --help

Environment variables:
${describeVariables()}
`;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const defaultIo: CliIo = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };

/** Runs the command; resolves with the exit code (the server: when it has stopped). */
export async function main(argv: string[], env: Record<string, string | undefined> = process.env, io: CliIo = defaultIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        demo: { type: 'boolean' },
        port: { type: 'string' },
        config: { type: 'string' },
        id: { type: 'string' },
        name: { type: 'string' },
        currency: { type: 'string' },
        'time-zone': { type: 'string' },
        locale: { type: 'string' },
        'terms-url': { type: 'string' },
        'logo-url': { type: 'string' },
        'embed-origin': { type: 'string', multiple: true },
        date: { type: 'string' },
        organization: { type: 'string' },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(usage);
    return 0;
  }
  let config: ServerConfig;
  try {
    const port = values.port === undefined ? undefined : Number(values.port);
    if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) throw new ConfigError([`--port: must be a whole number from 0 to 65535 (got "${values.port}")`]);
    config = parseConfig(env, { demo: values.demo ?? false, ...(port === undefined ? {} : { port }) });
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`${error.message}\n\nmemberkit-server --help lists the variables.\n`);
      return 2;
    }
    throw error;
  }
  const [command, ...rest] = positionals;
  if (command === undefined) return serve(config, io);
  if (command === 'run-lifecycle') return runLifecycle(config, values.date, values.organization, io);
  const storage = await openStorage(config);
  try {
    switch (command) {
      case 'init': {
        const input = values.config
          ? JSON.parse(readFileSync(values.config, 'utf8'))
          : {
              id: values.id,
              name: values.name,
              currency: values.currency,
              time_zone: values['time-zone'],
              ...(values.locale ? { locale: values.locale } : {}),
              ...(values['terms-url'] ? { terms_url: values['terms-url'] } : {}),
              ...(values['logo-url'] ? { logo_url: values['logo-url'] } : {}),
              embed_origins: values['embed-origin'] ?? [],
            };
        const { organization, secretKey } = await createOrganization(storage, input);
        io.out(
          `Created organization "${organization.id}" (${organization.name}).\n\n` +
            `  organization id: ${organization.id}\n` +
            `  publishable key (public, in the script tag: organization="${organization.publishable_key}"): ${organization.publishable_key}\n` +
            `  secret key (your servers only; shown this once, stored hashed): ${secretKey}\n`,
        );
        return 0;
      }
      case 'rotate-secret-key': {
        const key = await rotateSecretKey(storage, required(rest[0], 'ORG'));
        io.out(`New secret key for "${rest[0]}" (shown this once): ${key}\nThe old keys keep working until: memberkit-server revoke-old-secret-keys ${rest[0]}\n`);
        return 0;
      }
      case 'rotate-publishable-key': {
        const key = await rotatePublishableKey(storage, required(rest[0], 'ORG'));
        io.out(`New publishable key for "${rest[0]}": ${key}\nThe previous one no longer names the organization: put the new one in your pages' script tags.\n`);
        return 0;
      }
      case 'revoke-old-secret-keys': {
        const revoked = await revokeOlderSecretKeys(storage, required(rest[0], 'ORG'));
        io.out(`Revoked ${revoked} older secret key${revoked === 1 ? '' : 's'} of "${rest[0]}".\n`);
        return 0;
      }
      case 'rotate-signing-key': {
        const tokens = new SignedMemberTokens({ db: storage.db, clock: systemClock, maxTtl: config.memberTokenTtl });
        await tokens.load();
        const id = await tokens.rotate();
        io.out(`Member tokens are now signed with ${id}; tokens signed before stay valid until they expire.\n`);
        return 0;
      }
      default:
        io.err(`Unknown command "${command}".\n\n${usage}`);
        return 2;
    }
  } catch (error) {
    io.err(`${(error as Error).message}\n`);
    return 1;
  } finally {
    await storage.close();
  }
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`Missing ${name}: see memberkit-server --help`);
  return value;
}

/** `run-lifecycle --date`: the day for every organization (or one), each under its claim. */
async function runLifecycle(config: ServerConfig, date: string | undefined, organization: string | undefined, io: CliIo): Promise<number> {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    io.err(`run-lifecycle needs --date YYYY-MM-DD (got ${date === undefined ? 'none' : JSON.stringify(date)})\n`);
    return 2;
  }
  const server = await createServer(config, { logger: pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel }) });
  try {
    if (!server.scheduler) {
      io.err('This server has no lifecycle to run.\n');
      return 1;
    }
    const ids = organization
      ? [organization]
      : (await server.storage.transaction((tx) => tx.find('organizations', {}), { readOnly: true })).map((org) => org.id);
    if (organization && !(await server.storage.transaction((tx) => tx.findOne('organizations', { id: organization }), { readOnly: true }))) {
      io.err(`No organization "${organization}".\n`);
      return 1;
    }
    let failed = 0;
    for (const id of ids) {
      const tick = await server.scheduler.runDay(id, date);
      if (tick.busy) {
        failed += 1;
        io.err(`${id}: its lifecycle is running in another process now; try again shortly.\n`);
      } else if (tick.failed) {
        failed += 1;
        io.err(`${id}: ${date} failed: ${(tick.failed.error as Error)?.message ?? String(tick.failed.error)}\n`);
      } else {
        io.out(`${id}: ran ${date}\n`);
      }
    }
    return failed > 0 ? 1 : 0;
  } finally {
    await server.close();
  }
}

async function serve(config: ServerConfig, io: CliIo): Promise<number> {
  const server = await createServer(config, { background: true });
  const url = await server.listen();
  io.out(`memberkit-server listening on ${url} (${config.databaseUrl ? 'PostgreSQL' : `embedded database in ${config.dataDir}`})\n`);
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      server.logger.info({ signal }, 'shutting down');
      server.close().then(() => resolve(0), () => resolve(1));
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}
