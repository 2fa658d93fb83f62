/**
 * Socket Mode refreshes without a gap. Slack sends `{"type":"disconnect"}` (`refresh_requested`,
 * `warning`) some seconds before it closes a connection. The Socket Mode client (3.x) closes the
 * socket at once and opens a new one only after its reconnect delay (5 s): meanwhile nothing is
 * heard, and an envelope already sent on the old socket is lost. Here the new connection is opened
 * first, the old one keeps delivering until the new one is greeted, and only then is it closed.
 * Should the new connection fail, the client's own reconnect takes over as before.
 */
import type { SocketModeReceiver } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';

/** How long the new connection may take to be greeted before the old one is closed anyway (and the client reconnects its own way). */
export const REFRESH_CONNECT_MS = 10_000;

/** The parts of the Socket Mode client (3.x) this relies on; checked at start, so a client that changed them is left alone. */
interface ClientInternals {
  websocket?: SocketLike;
  shuttingDown?: boolean;
  reconnectionTimer?: NodeJS.Timeout;
  numOfConsecutiveReconnectionFailures?: number;
  retrieveWSSURL(): Promise<string>;
  listeners(event: string): ((...args: unknown[]) => void)[];
  removeAllListeners(event: string): unknown;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  once(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

interface SocketLike {
  options: Record<string, unknown>;
  connect(): void;
  disconnect(): void;
  isActive(): boolean;
}

/** Whether a Socket Mode message is Slack's notice that it will close this connection. */
function isDisconnectNotice(data: unknown, isBinary: unknown): boolean {
  if (isBinary === true) return false;
  const text = typeof data === 'string' ? data : data instanceof ArrayBuffer ? new TextDecoder().decode(data) : '';
  if (!text.includes('"disconnect"')) return false;
  try {
    return (JSON.parse(text) as { type?: unknown }).type === 'disconnect';
  } catch {
    return false;
  }
}

/** Makes the receiver's client open the new connection before it closes the old one on a `disconnect` notice. */
export function reconnectBeforeClosing(receiver: SocketModeReceiver, logger: Logger): void {
  const client = receiver.client as unknown as ClientInternals;
  if (typeof client.retrieveWSSURL !== 'function' || typeof client.listeners !== 'function') {
    logger.warn({}, 'Socket Mode client without the expected internals: refreshes reconnect after a pause');
    return;
  }
  const handlers = client.listeners('ws_message');
  client.removeAllListeners('ws_message');
  let refreshing = false;
  client.on('ws_message', (data, isBinary) => {
    if (isDisconnectNotice(data, isBinary)) {
      if (!refreshing) void refresh();
      return;
    }
    for (const handle of handlers) handle(data, isBinary);
  });

  async function refresh(): Promise<void> {
    refreshing = true;
    const old = client.websocket;
    const started = performance.now();
    let fresh: SocketLike | undefined;
    try {
      if (!old) return;
      const url = await client.retrieveWSSURL();
      // Shutting down, or the client reconnected its own way meanwhile (Slack closed the old socket first): nothing to do.
      if (client.shuttingDown || client.websocket !== old) return;
      const Socket = old.constructor as new (options: Record<string, unknown>) => SocketLike;
      fresh = new Socket({ ...old.options, url });
      // The new socket's `hello` makes the client emit `connected`; the old one delivers until then.
      const greeted = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => done(false), REFRESH_CONNECT_MS);
        const onConnected = () => done(true);
        const onStopping = () => done(false);
        function done(ok: boolean) {
          clearTimeout(timer);
          client.off('connected', onConnected);
          client.off('disconnecting', onStopping);
          resolve(ok);
        }
        client.once('connected', onConnected);
        client.once('disconnecting', onStopping);
      });
      fresh.connect();
      if (!(await greeted) || client.shuttingDown || client.websocket !== old) {
        fresh.disconnect();
        fresh = undefined;
        return;
      }
      client.websocket = fresh;
      // The old socket may have been closed by Slack meanwhile, arming the client's delayed reconnect: not needed now.
      clearTimeout(client.reconnectionTimer);
      client.reconnectionTimer = undefined;
      client.numOfConsecutiveReconnectionFailures = 0;
      logger.info({ ms: Math.round(performance.now() - started) }, 'slack socket mode connection refreshed before closing the old one');
    } catch (err) {
      logger.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'slack socket mode refresh failed; reconnecting after a pause',
      );
    } finally {
      refreshing = false;
      // Closed last: its `close` finds the new socket active and does not reconnect (without one, the client reconnects its way).
      old?.disconnect();
    }
  }
}
