import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A shop system receiving webhooks on 127.0.0.1: records every request and answers as the test says. */
export interface WebhookReceiver {
  url: string;
  received: ReceivedRequest[];
  /** Requests being answered right now, and the most there ever were at once. */
  concurrent: { now: number; max: number };
  /** Decides each answer: an HTTP status, after an optional delay. */
  respond: (request: ReceivedRequest, index: number) => { status: number; delayMs?: number };
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const receiver: Omit<WebhookReceiver, 'url' | 'close'> = {
    received: [],
    concurrent: { now: 0, max: 0 },
    respond: () => ({ status: 200 }),
  };
  const server = createServer(async (req, res) => {
    receiver.concurrent.now++;
    receiver.concurrent.max = Math.max(receiver.concurrent.max, receiver.concurrent.now);
    const parts: Buffer[] = [];
    for await (const part of req) parts.push(part as Buffer);
    const request = { headers: req.headers, body: Buffer.concat(parts).toString('utf8'), at: Date.now() };
    const index = receiver.received.push(request) - 1;
    const { status, delayMs } = receiver.respond(request, index);
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    receiver.concurrent.now--;
    res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'nope');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hooks`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
