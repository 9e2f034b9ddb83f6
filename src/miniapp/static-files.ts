import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context, Next } from 'koa';

/**
 * The Mini App's client (web/, built by Vite into web/dist/ with relative URLs) under /app/:
 * `/app` → `/app/`, `/app/` → index.html, `/app/<file>` → that file. Hashed assets are cached for
 * a year, index.html never (a new build shows at the next open). A missing build answers 503
 * with a page that says how to make it. Nothing outside the folder is ever read. Every answer
 * here carries MINI_APP_CSP (nosniff comes with every answer of the app: http/security-headers.ts).
 */
const DEFAULT_WEB_DIST = (() => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // src/app (tsx) or dist/src/app (compiled): web/dist at the project root.
  return [path.resolve(here, '../../web/dist'), path.resolve(here, '../../../web/dist')];
})();

/**
 * The Mini App's pages: scripts, styles, fonts and API calls from the service itself only (the
 * build bundles everything; no inline script, no eval), nothing to plug in, no <base>, no forms
 * posted away; framed only by the service itself and Telegram's web clients (web.telegram.org's
 * /k/ and /a/, and their webk./webz. hosts); the apps open it in their own web view. `blob:` is
 * the check's PDF the page fetched itself (shown in a frame, read back), nothing from elsewhere.
 */
export const MINI_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self' blob:",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self' https://web.telegram.org https://*.telegram.org",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

const MISSING_BUILD = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Mini App not built</title>
<body>
<h1>The Mini App is not built yet</h1>
<p>Run <code>npm run build</code> (or <code>npm start</code>, which builds it when missing) and reload.</p>
</body></html>`;

async function fileIn(root: string, relative: string): Promise<string | undefined> {
  const resolved = path.resolve(root, relative);
  if (resolved !== root && !resolved.startsWith(root + path.sep)) return undefined;
  try {
    return (await stat(resolved)).isFile() ? resolved : undefined;
  } catch {
    return undefined;
  }
}

export function miniAppStatic(options: { roots?: string[] } = {}) {
  const roots = (options.roots ?? DEFAULT_WEB_DIST).map((r) => path.resolve(r));
  return async (ctx: Context, next: Next): Promise<void> => {
    if (ctx.path !== '/app' && !ctx.path.startsWith('/app/')) return next();
    if (ctx.path.startsWith('/app/api/') || ctx.path === '/app/api') return next();
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    ctx.set('content-security-policy', MINI_APP_CSP);
    if (ctx.path === '/app') {
      ctx.status = 301;
      ctx.redirect(`/app/${ctx.querystring ? `?${ctx.querystring}` : ''}`);
      return;
    }
    let relative: string;
    try {
      relative = decodeURIComponent(ctx.path.slice('/app/'.length));
    } catch {
      ctx.status = 400;
      return;
    }
    if (relative.includes('\0')) return next();
    if (relative === '') relative = 'index.html';
    let root: string | undefined;
    for (const candidate of roots) {
      if (await fileIn(candidate, 'index.html')) {
        root = candidate;
        break;
      }
    }
    if (!root) {
      ctx.status = 503;
      ctx.type = 'text/html; charset=utf-8';
      ctx.set('cache-control', 'no-store');
      ctx.body = MISSING_BUILD;
      return;
    }
    const file = await fileIn(root, relative);
    if (!file) return next();
    const ext = path.extname(file).toLowerCase();
    ctx.type = TYPES[ext] ?? 'application/octet-stream';
    const isIndex = path.basename(file) === 'index.html';
    ctx.set('cache-control', isIndex ? 'no-cache' : relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    ctx.length = (await stat(file)).size;
    ctx.body = createReadStream(file);
  };
}
