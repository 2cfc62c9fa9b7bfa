import { type Actor, baseRoleAtLeast } from '@tessera/core';
import type { TesseraStore } from '@tessera/store';
import type { Credential, credentialAuthenticator } from '../auth/authenticate.ts';
import { callerBaseRole } from '../auth/route-access.ts';
import { closeCodes } from './realtime-protocol.ts';

export type Authenticate = ReturnType<typeof credentialAuthenticator>;

/** Whether a socket's caller may still read a base, and if not, how to close the socket. */
export type AccessCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: number; readonly reason: string };

const granted: AccessCheck = Object.freeze({ ok: true });

interface Verdict {
  readonly check: AccessCheck;
  /** The caller the credential names now (unset when it names nobody any more). */
  readonly actor?: Actor;
}

/**
 * Checks a credential again against a base: authenticated anew (a revoked token, an expired
 * JWT or a signed-out user fails) and the caller's role there looked up again (a removed
 * member, or a token limited to other bases, fails); viewers and up may read. Sockets that
 * share a credential share a check under way, so many tabs of one user cost one check.
 */
export class AccessChecker {
  readonly #store: TesseraStore;
  readonly #authenticate: Authenticate;
  readonly #inFlight = new Map<string, Promise<Verdict>>();

  constructor(store: TesseraStore, authenticate: Authenticate) {
    this.#store = store;
    this.#authenticate = authenticate;
  }

  /** `known`: the caller the credential named last time, whose role is looked up meanwhile. */
  check(credential: Credential, ip: string, baseId: string, known: Actor): Promise<Verdict> {
    const key = `${credential.kind}\u0000${credential.secret}\u0000${baseId}`;
    const running = this.#inFlight.get(key);
    if (running) return running;
    const check = this.#run(credential, ip, baseId, known).finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, check);
    return check;
  }

  async #run(credential: Credential, ip: string, baseId: string, known: Actor): Promise<Verdict> {
    const [{ actor }, knownRole] = await Promise.all([
      this.#authenticate(credential, ip),
      callerBaseRole(this.#store, known, baseId),
    ]);
    if (actor.kind === 'anonymous')
      return {
        check: { ok: false, code: closeCodes.unauthenticated, reason: 'The credential is no longer valid' },
      };
    // The same credential names the same caller unless its user or scope changed.
    const role =
      JSON.stringify(actor) === JSON.stringify(known)
        ? knownRole
        : await callerBaseRole(this.#store, actor, baseId);
    if (!baseRoleAtLeast(role, 'viewer'))
      return {
        check: { ok: false, code: closeCodes.forbidden, reason: `No access to base ${baseId}` },
        actor,
      };
    return { check: granted, actor };
  }
}

export interface CallerAccessDeps {
  readonly checker: AccessChecker;
  /** How old a check may be when an event is delivered (ms); half of it starts a new one early. */
  readonly recheckMs: number;
}

/** The credential a socket signed in with, and when each of its bases was last checked. */
export class CallerAccess {
  readonly #deps: CallerAccessDeps;
  readonly #ip: string;
  #credential: Credential;
  #actor: Actor;
  /** Base id → when the caller's role there was last found sufficient. */
  readonly #bases = new Map<string, number>();

  constructor(deps: CallerAccessDeps, credential: Credential, actor: Actor, ip: string) {
    this.#deps = deps;
    this.#credential = credential;
    this.#actor = actor;
    this.#ip = ip;
  }

  /** A new credential for the same socket (e.g. a refreshed JWT): every base is checked again. */
  replace(credential: Credential, actor: Actor): void {
    this.#credential = credential;
    this.#actor = actor;
    this.#bases.clear();
  }

  /** Milliseconds since the base was last found readable (Infinity: never, or no longer). */
  age(baseId: string): number {
    const checked = this.#bases.get(baseId);
    return checked === undefined ? Number.POSITIVE_INFINITY : Date.now() - checked;
  }

  /** Checks the base again unless the last check is younger than `maxAgeMs` (0: always). */
  async mayRead(baseId: string, maxAgeMs = this.#deps.recheckMs): Promise<AccessCheck> {
    if (this.age(baseId) < maxAgeMs) return granted;
    const credential = this.#credential;
    const started = Date.now();
    const verdict = await this.#deps.checker.check(credential, this.#ip, baseId, this.#actor);
    // A credential replaced meanwhile is checked on its own.
    if (credential !== this.#credential) return this.mayRead(baseId, maxAgeMs);
    if (verdict.actor) this.#actor = verdict.actor;
    if (verdict.check.ok) this.#bases.set(baseId, Math.max(started, this.#bases.get(baseId) ?? 0));
    else this.#bases.delete(baseId);
    return verdict.check;
  }
}
