// GET /auth/password/reset?token=…   form to choose a new password (the e-mailed reset link)
// GET /auth/signup?token=…           form to create an account from an invitation link
// Static pages: the secret stays in the query (logs leave it out) and the page's script posts it
// in the body to the JSON API, which does every check.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { route } from '../routes/route-context.ts';
import { access } from './route-access.ts';

interface PageField {
  readonly name: string;
  readonly label: string;
  readonly type: 'email' | 'password' | 'text';
  readonly required: boolean;
}

interface AccountPage {
  readonly path: string;
  readonly title: string;
  readonly fields: readonly PageField[];
  readonly submit: string;
  /** Where the form posts (the secret goes in the body as `token`, never in a URL that is logged). */
  readonly action: string;
  readonly done: string;
}

const password = (name: string, label: string): PageField => ({
  name,
  label,
  type: 'password',
  required: true,
});

const pages: readonly AccountPage[] = [
  {
    path: '/auth/password/reset',
    title: 'Choose a new password',
    fields: [password('password', 'New password (at least 8 characters)')],
    submit: 'Set password',
    action: '/api/v1/auth/password/reset',
    done: 'Your password has been changed. Sign in with it from your Tessera client.',
  },
  {
    path: '/auth/signup',
    title: 'Create your Tessera account',
    fields: [
      { name: 'email', label: 'E-mail (the invited address)', type: 'email', required: true },
      { name: 'firstname', label: 'First name', type: 'text', required: false },
      { name: 'lastname', label: 'Last name', type: 'text', required: false },
      password('password', 'Password (at least 8 characters)'),
    ],
    submit: 'Create account',
    action: '/api/v1/auth/user/signup',
    done: 'Your account is ready. Sign in from your Tessera client.',
  },
];

/** Reads the form and the link's token, posts JSON, shows the answer's message. */
const script = `
const form = document.querySelector('form');
const out = document.querySelector('output');
const token = new URLSearchParams(location.search).get('token') || '';
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = Object.fromEntries(new FormData(form));
  body.token = token;
  try {
    const res = await fetch(form.dataset.action, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const answer = await res.json().catch(() => ({}));
    out.textContent = res.ok ? form.dataset.done : (answer.msg || 'Something went wrong (' + res.status + ')');
    if (res.ok) form.hidden = true;
  } catch {
    out.textContent = 'The server could not be reached.';
  }
});
`;

const contentSecurityPolicy = [
  "default-src 'none'",
  `script-src 'sha256-${createHash('sha256').update(script).digest('base64')}'`,
  "style-src 'unsafe-inline'",
  "connect-src 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function render(page: AccountPage): string {
  const fields = page.fields
    .map(
      (f) =>
        `<label>${escapeHtml(f.label)}<input name="${f.name}" type="${f.type}"${f.required ? ' required' : ''}${
          f.type === 'password' ? ' minlength="8" autocomplete="new-password"' : ''
        }></label>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${escapeHtml(page.title)} · Tessera</title>
<style>body{font:16px system-ui,sans-serif;max-width:26rem;margin:4rem auto;padding:0 1rem}label{display:block;margin:.8rem 0}input{display:block;width:100%;padding:.4rem;margin-top:.2rem;box-sizing:border-box}button{padding:.5rem 1rem;margin-top:.8rem}output{display:block;margin-top:1rem}</style>
</head><body><h1>${escapeHtml(page.title)}</h1>
<form data-action="${escapeHtml(page.action)}" data-done="${escapeHtml(page.done)}">
${fields}
<button type="submit">${escapeHtml(page.submit)}</button></form><output></output>
<script>${script}</script></body></html>`;
}

/** Serves the pages that reset and invitation links open. */
export function installAccountPages(app: FastifyInstance): void {
  for (const page of pages) {
    const html = render(page);
    route(
      app,
      'GET',
      [page.path],
      async (_request, reply) =>
        reply
          .header('content-security-policy', contentSecurityPolicy)
          .header('cache-control', 'no-store')
          .header('x-content-type-options', 'nosniff')
          .type('text/html; charset=utf-8')
          .send(html),
      {
        access: access.public,
        config: { database: false },
        schema: {
          tags: ['Auth'],
          summary: `HTML page: ${page.title.toLowerCase()} (opened from an e-mailed link)`,
        },
      },
    );
  }
}
