import type { Server } from 'node:http';

/**
 * Shutdown's first step. From `begin()` on, readiness answers 503, every response closes its
 * connection, and requests that arrive are answered 503 with Retry-After (see app.ts), so clients
 * move their kept-alive connections off instead of finding them reset when the server closes.
 */
export class Draining {
  #active = false;

  get active(): boolean {
    return this.#active;
  }

  begin(): void {
    this.#active = true;
  }

  /**
   * Resolves once `server` has no open connection, or after `ms`: a connection idle all that time is
   * closed then, as any idle keep-alive connection may be.
   */
  settled(server: Server, ms: number): Promise<void> {
    const until = Date.now() + ms;
    return new Promise((resolve) => {
      const poll = () =>
        server.getConnections((error, open) => {
          if (error || open === 0 || Date.now() >= until) resolve();
          else setTimeout(poll, 20);
        });
      poll();
    });
  }
}
