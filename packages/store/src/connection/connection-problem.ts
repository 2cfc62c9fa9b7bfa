import type { DatabaseConfig } from '../dialect/database-config.ts';

/** Where the store connects, as far as messages may name it (never the password). */
export interface DatabaseTarget {
  readonly host?: string;
  readonly port?: number;
  readonly database?: string;
  readonly user?: string;
}

export type ConnectionProblemKind =
  | 'host-not-found'
  | 'dns-unavailable'
  | 'connection-refused'
  | 'host-unreachable'
  | 'timeout'
  | 'connection-lost'
  | 'server-shutting-down'
  | 'authentication-failed'
  | 'ssl-required'
  | 'ssl-unsupported'
  | 'certificate-untrusted'
  | 'access-rejected'
  | 'database-not-found'
  | 'too-many-connections'
  | 'insufficient-privilege'
  | 'database-locked'
  | 'other';

/** A database failure explained for an operator: what happened and what usually fixes it. */
export interface ConnectionProblem {
  readonly kind: ConnectionProblemKind;
  /** What went wrong, naming host, port, user or database where known. */
  readonly cause: string;
  /** The likely fix; empty when there is nothing specific to suggest. */
  readonly fix: string;
  /** The database cannot serve requests right now: answer 503 and retry later. */
  readonly unavailable: boolean;
}

/** Host, port, database and user of a PostgreSQL URL; nothing for SQLite. */
export function databaseTarget(config: DatabaseConfig): DatabaseTarget {
  if (config.kind === 'sqlite') return {};
  try {
    const url = new URL(config.connectionString);
    return {
      host: url.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost',
      port: url.port === '' ? 5432 : Number(url.port),
      database: decodeURIComponent(url.pathname.slice(1)) || undefined,
      user: decodeURIComponent(url.username) || undefined,
    };
  } catch {
    return {};
  }
}

/** `cause: fix`, one line for a log or a readiness reply. */
export function describeProblem(problem: ConnectionProblem): string {
  return problem.fix === '' ? problem.cause : `${problem.cause}: ${problem.fix}`;
}

/** The failure is the database being away (503), not a fault of the request or of Tessera. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return diagnoseDatabaseError(error)?.unavailable === true;
}

interface ErrorFacts {
  readonly code: string;
  readonly message: string;
  readonly hostname?: string;
  readonly address?: string;
  readonly port?: number;
}

/** Node network codes that mean the server could not be reached. */
const unreachableCodes = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN']);
const lostCodes = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);
const certificateCodes = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** node-postgres and its pool report these without a code. */
const timeoutMessage = /timeout expired|connection timeout|timeout exceeded when trying to connect/i;
const lostMessage =
  /connection terminated|not queryable|connection has been discarded|cannot use a pool after calling end|driver has already been destroyed/i;

/**
 * Explains a database error an operator can act on (unreachable host, refused login, missing
 * database, TLS mismatch…), or returns undefined for errors that are not about the connection
 * (a constraint violation, a bad query, an error of Tessera's own). Follows `cause` and the
 * `errors` of an AggregateError. Messages never contain a password.
 */
export function diagnoseDatabaseError(
  error: unknown,
  target: DatabaseTarget = {},
): ConnectionProblem | undefined {
  for (const facts of factsOf(error)) {
    const problem = diagnose(facts, target);
    if (problem) return { ...problem, cause: redactSecrets(problem.cause) };
  }
  return undefined;
}

/** The error, its `cause` chain and AggregateError members, most specific code first. */
function factsOf(error: unknown): ErrorFacts[] {
  const found: ErrorFacts[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number) => {
    if (typeof value !== 'object' || value === null || seen.has(value) || depth > 5) return;
    seen.add(value);
    const record = value as Record<string, unknown>;
    const port = Number(record.port);
    found.push({
      code: typeof record.code === 'string' ? record.code : '',
      message: typeof record.message === 'string' ? record.message : '',
      hostname: typeof record.hostname === 'string' ? record.hostname : undefined,
      address: typeof record.address === 'string' ? record.address : undefined,
      port: Number.isInteger(port) && port > 0 ? port : undefined,
    });
    if (Array.isArray(record.errors)) for (const inner of record.errors) visit(inner, depth + 1);
    visit(record.cause, depth + 1);
  };
  visit(error, 0);
  return found;
}

type Diagnosis = Omit<ConnectionProblem, 'unavailable'> & { unavailable?: boolean };

function diagnose(facts: ErrorFacts, target: DatabaseTarget): ConnectionProblem | undefined {
  const found = diagnoseNetwork(facts, target) ?? diagnoseServer(facts, target) ?? diagnoseSqlite(facts);
  return found ? { unavailable: true, ...found } : undefined;
}

function where(facts: ErrorFacts, target: DatabaseTarget): string {
  const host = target.host ?? facts.hostname ?? facts.address ?? 'the database host';
  const port = target.port ?? facts.port;
  return port === undefined ? host : `${host}:${port}`;
}

function diagnoseNetwork(facts: ErrorFacts, target: DatabaseTarget): Diagnosis | undefined {
  const { code, message } = facts;
  const host = target.host ?? facts.hostname ?? 'the database host';
  if (code === 'ENOTFOUND')
    return {
      kind: 'host-not-found',
      cause: `database host "${host}" does not resolve (ENOTFOUND)`,
      fix: "is this container attached to the database's network, and is the host name in DATABASE_URL right?",
    };
  if (code === 'EAI_AGAIN')
    return {
      kind: 'dns-unavailable',
      cause: `looking up database host "${host}" failed for now (EAI_AGAIN)`,
      fix: "the DNS server did not answer: check this container's network and DNS settings",
    };
  if (code === 'ECONNREFUSED')
    return {
      kind: 'connection-refused',
      cause: `nothing listens at ${where(facts, target)} (ECONNREFUSED)`,
      fix: 'is PostgreSQL running and listening on that address? check the host and port in DATABASE_URL',
    };
  if (unreachableCodes.has(code))
    return {
      kind: 'host-unreachable',
      cause: `no route to ${where(facts, target)} (${code})`,
      fix: 'check the network between this container and the database',
    };
  if (code === 'ETIMEDOUT' || timeoutMessage.test(message))
    return {
      kind: 'timeout',
      cause: `no answer from ${where(facts, target)} in time (${code || message})`,
      fix: 'is a firewall dropping the traffic, the host wrong, or every pooled connection busy? TESSERA_PG_CONNECT_TIMEOUT_MS sets the wait, TESSERA_PG_POOL_SIZE the pool',
    };
  if (certificateCodes.has(code))
    return {
      kind: 'certificate-untrusted',
      cause: `the database server's TLS certificate is not trusted (${code})`,
      fix: 'use sslmode=require (encrypts without checking the certificate), or trust its CA with NODE_EXTRA_CA_CERTS for verify-ca / verify-full',
    };
  if (/does not support SSL/i.test(message))
    return {
      kind: 'ssl-unsupported',
      cause: `the database server at ${where(facts, target)} does not support SSL`,
      fix: 'set sslmode=disable in DATABASE_URL, or enable SSL on the server',
    };
  if (lostCodes.has(code) || lostMessage.test(message))
    return {
      kind: 'connection-lost',
      cause: `the connection to ${where(facts, target)} was closed (${code || message})`,
      fix: 'the database restarted or something between closed the connection; Tessera reconnects by itself',
    };
  return undefined;
}

/** PostgreSQL's own refusals, by SQLSTATE. */
function diagnoseServer(facts: ErrorFacts, target: DatabaseTarget): Diagnosis | undefined {
  const { code, message } = facts;
  const user = target.user === undefined ? 'the user' : `user "${target.user}"`;
  if (code === '28P01')
    return {
      kind: 'authentication-failed',
      cause: `password authentication failed for ${user} (28P01)`,
      fix: 'check the user name and password in DATABASE_URL (percent-encode characters such as @ : / # in the password)',
    };
  if (code === '28000' && /no encryption/i.test(message))
    return {
      kind: 'ssl-required',
      cause: `the database server refuses unencrypted connections (${message})`,
      fix: 'add ?sslmode=require to DATABASE_URL',
    };
  if (code === '28000')
    return {
      kind: 'access-rejected',
      cause: `the database server rejected the login (${message})`,
      fix: "check the user in DATABASE_URL and the server's pg_hba.conf rules for this host",
    };
  if (code === '3D000')
    return {
      kind: 'database-not-found',
      cause: `database "${target.database ?? '?'}" does not exist on ${where(facts, target)} (3D000)`,
      fix: 'create it, or fix the database name at the end of DATABASE_URL',
    };
  if (code === '57P01' || code === '57P02' || code === '57P03')
    return {
      kind: 'server-shutting-down',
      cause: `the database server is shutting down or starting up (${code}: ${message})`,
      fix: 'Tessera reconnects by itself once it accepts connections again',
    };
  if (code === '53300' || code === '53000')
    return {
      kind: 'too-many-connections',
      cause: `the database server has no free connection slots (${code})`,
      fix: "lower TESSERA_PG_POOL_SIZE, raise the server's max_connections, or stop other clients",
    };
  if (code.startsWith('08'))
    return {
      kind: 'connection-lost',
      cause: `connection failure (${code}: ${message})`,
      fix: 'Tessera reconnects by itself',
    };
  if (code === '42501')
    return {
      kind: 'insufficient-privilege',
      cause: `${user} lacks a privilege Tessera needs (${message})`,
      fix: 'let the user create the schema (GRANT CREATE ON DATABASE …), or create the TESSERA_PG_SCHEMA schema owned by that user',
      unavailable: false,
    };
  return undefined;
}

function diagnoseSqlite(facts: ErrorFacts): Diagnosis | undefined {
  if (facts.code === 'SQLITE_BUSY' || facts.code === 'SQLITE_LOCKED')
    return {
      kind: 'database-locked',
      cause: `the SQLite file is locked by another connection (${facts.code})`,
      fix: 'another process is writing to the same file; only one Tessera may use a SQLite file',
    };
  return undefined;
}

/** Masks the password of any URL a message quotes (`postgres://user:***@host`). */
export function redactSecrets(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s]*@/gi, '$1***@');
}
