import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
};

export interface DemoServerOptions {
  /** Port to listen on; 0 picks a free one. */
  port?: number;
  /** The photo API's URL, written into the pages where they say %API_URL%. */
  apiUrl?: string;
  host?: string;
}

/**
 * Serves the demo blog (`demo/`) and the built browser files (`dist/`) the way
 * a static host would: a separate origin from the photo API, as on a real blog.
 */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<{ url: string; server: http.Server }> {
  const { port = 8000, apiUrl = 'http://localhost:8080', host = '127.0.0.1' } = options;
  const server = http.createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    // The service worker at the site root, as a blog would have it (its scope is the folder it is served from).
    const relative = pathname === '/' ? 'demo/index.html' : pathname === '/photo-frame-sw.js' ? 'dist/photo-frame-sw.js' : pathname.startsWith('/dist/') ? pathname.slice(1) : `demo${pathname}`;
    const file = path.resolve(ROOT, relative);
    if (!file.startsWith(path.join(ROOT, 'demo') + path.sep) && !file.startsWith(path.join(ROOT, 'dist') + path.sep)) {
      res.writeHead(404).end('Not found');
      return;
    }
    try {
      const stat = await fs.stat(file);
      if (!stat.isFile()) throw new Error('not a file');
      const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      const headers = { 'Content-Type': type, 'Cache-Control': 'no-cache' };
      if (type.startsWith('text/html')) {
        const html = (await fs.readFile(file, 'utf8')).replaceAll('%API_URL%', apiUrl);
        res.writeHead(200, headers).end(html);
      } else {
        res.writeHead(200, headers);
        createReadStream(file).pipe(res);
      }
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as { port: number };
  return { url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${address.port}`, server };
}
