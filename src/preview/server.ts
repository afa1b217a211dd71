import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createChannel, createSession } from 'better-sse';
import { TEMPLATES } from '../render/template.ts';
import { contentType, siteFile } from './static-files.ts';

/** The preview's own files live under this path, never in the output folder. */
const OWN = '/__recto/';
const INJECT = `<link rel="stylesheet" href="${OWN}live.css"><script src="${OWN}live.js" defer></script>`;

export interface PreviewServer {
  url: string;
  /** Sends an event to every open page; `state` events are also sent to pages that open later. */
  send(event: 'reload' | 'state', data: unknown): void;
  close(): Promise<void>;
}

/**
 * Serves the site folder on 127.0.0.1 only (a preview is not a web server: nothing of it is
 * reachable from another machine), with the live-reload script added to each HTML page as it is
 * sent — the files on disk stay exactly as `recto build` writes them. Pages follow the build over
 * server-sent events (better-sse: reconnection, keep-alive and the event format are its job).
 */
export async function startPreviewServer(siteDir: string, port: number): Promise<PreviewServer> {
  const channel = createChannel();
  let state: unknown = {};

  const own = async (name: string, res: ServerResponse): Promise<void> => {
    if (name !== 'live.js' && name !== 'live.css') return notFound(res);
    const body = await readFile(join(TEMPLATES, 'preview', name));
    res.writeHead(200, { 'content-type': contentType(name), 'cache-control': 'no-store' });
    res.end(body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = req.url ?? '/';
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === `${OWN}events`) {
      const session = await createSession(req, res, { keepAlive: 10_000 });
      channel.register(session);
      session.push(state, 'state');
      return;
    }
    if (path.startsWith(OWN)) return own(path.slice(OWN.length), res);
    // Before the first good build there is no site: the front page waits for it (and shows why).
    const front = path === '/' || path.startsWith('/?') || path.startsWith('/index.html');
    const file =
      (await siteFile(siteDir, path)) ?? (front ? join(TEMPLATES, 'preview', 'waiting.html') : undefined);
    if (!file) return notFound(res);
    const type = contentType(file);
    let body: Buffer | string = await readFile(file);
    if (type.startsWith('text/html')) {
      const html = body.toString('utf8');
      const at = html.indexOf('</head>');
      body = at < 0 ? `${INJECT}${html}` : `${html.slice(0, at)}${INJECT}${html.slice(at)}`;
    }
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/`,
    send(event, data) {
      if (event === 'state') state = data;
      channel.broadcast(data, event);
    },
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections(); // the event streams stay open until they are cut
      }),
  };
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('Not found\n');
}
