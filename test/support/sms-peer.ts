// A local Twilio-compatible HTTP server for the SMS tests: it records every request (method, path,
// authorization, form) and answers like the Messages API: 201 with a sid, or 400 (code 21211) for numbers
// ending in 0000.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type SmsRequest = { method: string; path: string; authorization: string | undefined; form: URLSearchParams };
export type SmsPeer = { url: string; requests: SmsRequest[]; close: () => Promise<void> };

const readBody = (request: IncomingMessage) => new Promise<string>((resolve) => {
  let body = '';
  request.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
  request.on('end', () => resolve(body));
});

export async function startSmsPeer(): Promise<SmsPeer> {
  const requests: SmsRequest[] = [];
  let next = 1;
  const server = createServer(async (request, response) => {
    const form = new URLSearchParams(await readBody(request));
    requests.push({ method: request.method ?? '', path: request.url ?? '', authorization: request.headers.authorization, form });
    response.setHeader('content-type', 'application/json');
    if ((form.get('To') ?? '').endsWith('0000')) {
      response.statusCode = 400;
      response.end(JSON.stringify({ code: 21211, message: `The 'To' number ${form.get('To')} is not a valid phone number.`, status: 400 }));
      return;
    }
    response.statusCode = 201;
    response.end(JSON.stringify({ sid: `SM${String(next++).padStart(32, '0')}`, status: 'queued', to: form.get('To'), body: form.get('Body') }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
