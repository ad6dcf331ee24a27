/** Escapes text for HTML element content and double-quoted attribute values. */
function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;background:#f4f5f7;margin:0}
main{max-width:26rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002}
h1{font-size:1.25rem;margin-top:0}label{display:block;margin:1rem 0 .25rem}
input{width:100%;box-sizing:border-box;padding:.5rem;font:inherit}
.error{color:#a00;background:#fee;padding:.5rem;border-radius:4px}
.buttons{display:flex;gap:.5rem;margin-top:1.5rem}button{padding:.5rem 1rem;font:inherit}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>
`;
}

export interface ConsentForm {
  readonly tenant: string;
  readonly clientName: string;
  /** The authorization request's parameters, carried through the form as hidden fields. */
  readonly fields: Readonly<Record<string, string>>;
  readonly csrf: string;
  readonly error?: string | undefined;
  readonly username?: string | undefined;
}

/**
 * The sign-in and consent page an admin sees when Okta sends them to authorize (DocuWare's flow). The
 * form posts to an absolute path: a relative one would miss on `/oauth/authorize/` (trailing slash).
 */
export function consentPage(form: ConsentForm): string {
  const hidden = Object.entries({ ...form.fields, csrf: form.csrf })
    .map(([name, value]) => `<input type="hidden" name="${esc(name)}" value="${esc(value)}">`)
    .join('\n');
  const error = form.error ? `<p class="error" role="alert">${esc(form.error)}</p>` : '';
  return page(
    `Allow ${form.clientName}`,
    `<h1>Allow ${esc(form.clientName)} to provision users of ${esc(form.tenant)}?</h1>
<p>${esc(form.clientName)} asks to create, update and deactivate users and groups of
<strong>${esc(form.tenant)}</strong> through SCIM. Sign in as an administrator of ${esc(form.tenant)} to allow it.</p>
${error}
<form method="post" action="${esc(`/tenants/${encodeURIComponent(form.tenant)}/oauth/authorize`)}">
${hidden}
<label for="username">Username</label>
<input id="username" name="username" autocomplete="username" required value="${esc(form.username ?? '')}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<div class="buttons"><button name="decision" value="allow">Sign in and allow</button>
<button name="decision" value="deny" formnovalidate>Deny</button></div>
</form>`,
  );
}

/** A dead end that must not redirect: an unknown client or a redirect URI that is not registered. */
export function errorPage(message: string): string {
  return page(
    'Cannot authorize',
    `<h1>This authorization request cannot be completed</h1><p class="error">${esc(message)}</p>`,
  );
}
