import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from '../../src/plugins/log-redaction.ts';

describe('redactSecrets', () => {
  it('replaces credential-named fields at any depth of plain objects and arrays', () => {
    const logged = {
      headers: { Authorization: 'Bearer a', 'xc-token': 'b', cookie: 'c', accept: 'json' },
      body: { email: 'x@example.com', newPassword: 'd', nested: [{ secret: 'e' }, { refresh_token: 'f' }] },
      token: 'g',
      tokenId: 'tok_1',
    };
    expect(redactSecrets(logged)).toEqual({
      headers: { Authorization: REDACTED, 'xc-token': REDACTED, cookie: REDACTED, accept: 'json' },
      body: {
        email: 'x@example.com',
        newPassword: REDACTED,
        nested: [{ secret: REDACTED }, { refresh_token: REDACTED }],
      },
      token: REDACTED,
      tokenId: 'tok_1',
    });
  });

  it('never modifies the caller’s objects, and returns them as they are when nothing matches', () => {
    const body = { password: 'p', title: 't' };
    const logged = { body };
    const redacted = redactSecrets(logged) as { body: { password: string } };
    expect(body.password).toBe('p');
    expect(redacted.body.password).toBe(REDACTED);
    const clean = { req: { method: 'GET' }, responseTime: 1 };
    expect(redactSecrets(clean)).toBe(clean);
  });

  it('leaves class instances to their own serializers', () => {
    class Session {
      token = 'kept-for-the-serializer';
    }
    const session = new Session();
    expect((redactSecrets({ session }) as { session: Session }).session).toBe(session);
  });
});
