// Faults the fake injects on request: delays, error statuses, resets, broken list bodies.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GcsError, sendError } from './gcs-error.js';

export interface Fault {
  delayMs?: number;
  status?: number;           // e.g. 500, 503: answered with a GCS-style JSON error
  reset?: boolean;           // destroy the socket instead of answering
  truncateList?: boolean;    // list body (chunked) cut in the middle
  malformedList?: boolean;   // list answers 200 with invalid JSON
  only?: 'list' | 'get' | 'media' | 'upload' | 'all'; // which requests the fault hits; default 'all'
  times?: number;            // how many requests it hits, default unlimited
}
export type FakeRequestKind = 'list' | 'get' | 'media' | 'upload' | 'delete' | 'patch' | 'public' | 'other';

/** A list answer broken on purpose: malformed JSON (no `page`), or the page's JSON cut in the middle. */
function sendBrokenList(req: IncomingMessage, res: ServerResponse, page: object | undefined): void {
  // The client resolves a malformed page as an empty, final one: teeny-request JSON-parses only
  // "charset=utf-8" bodies, and GCS (like us) says "charset=UTF-8", so the parse error is swallowed.
  if (!page) return void res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' }).end('{"kind":"storage#objects","items":[{"name":');
  // Chunked, then cut: the client fails fast with "Premature close". (With a Content-Length
  // that is never met, the client's node-fetch 2 waits for its request timeout, 60 s by default.)
  const text = JSON.stringify(page);
  res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8', 'transfer-encoding': 'chunked' });
  res.write(text.slice(0, Math.floor(text.length / 2)), () => req.socket.destroy());
}

export class FaultInjector {
  private current: Fault | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();

  set(f: Fault | null): void {
    this.current = f ? { ...f } : null;
  }

  /**
   * Applies the fault due for this request, if any (consuming one of its `times`), and says whether
   * the request is done with: answered, cut, or its client gone. `page` is a list's answer, for the list faults.
   */
  async apply(req: IncomingMessage, res: ServerResponse, kind: FakeRequestKind, page?: () => object): Promise<boolean> {
    const f = this.take(kind);
    if (f?.delayMs) await this.delay(f.delayMs);
    if (res.destroyed) return true;
    if (!f) return false;
    if (f.reset) {
      req.socket.destroy();
    } else if (f.status) {
      sendError(res, new GcsError(f.status, f.status === 429 ? 'rateLimitExceeded' : 'backendError', `fake-gcs injected fault (status ${f.status})`));
    } else if (page && (f.truncateList || f.malformedList)) {
      sendBrokenList(req, res, f.malformedList ? undefined : page());
    } else {
      return false;
    }
    return true;
  }

  /** Ends pending delays, so that the server can close. */
  clear(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** The fault to apply to this request (consuming one of its `times`), if any. */
  private take(kind: FakeRequestKind): Fault | null {
    const f = this.current;
    if (!f || (f.only && f.only !== 'all' && f.only !== kind)) return null;
    const listOnly = !f.delayMs && !f.status && !f.reset;
    if (listOnly && kind !== 'list') return null; // truncate/malformed mean nothing elsewhere
    if (f.times === undefined) return f;
    return f.times-- > 0 ? f : null;
  }

  private delay(ms: number): Promise<void> {
    return new Promise<void>((done) => { const t = setTimeout(() => { this.timers.delete(t); done(); }, ms); this.timers.add(t); });
  }
}
