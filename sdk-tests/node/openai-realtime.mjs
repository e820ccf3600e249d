// openai-node's Realtime WebSocket client (OpenAIRealtimeWebSocket) against Tollgate's GET /v1/realtime?model=...:
//   TOLLGATE_BASE_URL  the gateway's OpenAI base (http://127.0.0.1:<port>/v1), TOLLGATE_KEY a Tollgate key,
//   TOLLGATE_MODEL a realtime model.
// The client sends the key as the `openai-insecure-api-key.<key>` subprotocol (as in a browser). Waits for
// session.created, sends one response.create, waits for response.done, closes; prints one JSON object with the
// events seen, the text deltas and the usage of response.done.
//
// The client needs a global WebSocket: Node 22 has one, Node 20 only with --experimental-websocket (the calling test
// passes it). It always dials wss:// (buildRealtimeURL sets the scheme); Tollgate under test listens on plain HTTP on
// 127.0.0.1, so for an http:// base the URL is switched to ws:// through the client's onURL hook (the hook its Azure
// support uses to adjust the URL) before the socket is opened.
import OpenAI from 'openai';
import { OpenAIRealtimeWebSocket } from 'openai/realtime/websocket';
import { fail, print, required } from './common.mjs';

const baseURL = required('TOLLGATE_BASE_URL');
const key = required('TOLLGATE_KEY');
const model = required('TOLLGATE_MODEL');
const plain = baseURL.startsWith('http://');

async function main() {
  if (typeof globalThis.WebSocket !== 'function') {
    throw new Error(`Node ${process.version} has no global WebSocket: run it with --experimental-websocket`);
  }
  const client = new OpenAI({ apiKey: key, baseURL });
  const result = { events: [], textDeltas: '', audioDeltas: 0, usage: null, errors: [], url: null, protocol: null };
  const rt = new OpenAIRealtimeWebSocket(
    {
      model,
      onURL: (url) => {
        if (plain) {
          url.protocol = 'ws:';
        }
      },
    },
    client,
  );
  result.url = rt.url.toString();

  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no response.done within 20 s: ' + JSON.stringify(result))), 20_000);
    rt.on('error', (e) => {
      result.errors.push({ message: e.message, type: e.error?.type ?? null, code: e.error?.code ?? null });
      if (rt.socket.readyState !== WebSocket.OPEN) {
        clearTimeout(timer);
        resolve(); // refused or cut before the session opened
      }
    });
    rt.on('event', (event) => result.events.push(event.type));
    rt.on('session.created', () => {
      result.protocol = rt.socket.protocol;
      rt.send({ type: 'response.create', response: { instructions: 'Say hello' } });
    });
    // the delta events of the beta protocol and of the GA one
    for (const type of ['response.text.delta', 'response.output_text.delta']) {
      rt.on(type, (event) => {
        result.textDeltas += event.delta;
      });
    }
    for (const type of ['response.audio.delta', 'response.output_audio.delta']) {
      rt.on(type, () => {
        result.audioDeltas++;
      });
    }
    rt.on('response.done', (event) => {
      result.usage = event.response?.usage ?? null;
      result.status = event.response?.status ?? null;
      clearTimeout(timer);
      resolve();
    });
    rt.socket.addEventListener('close', (event) => {
      result.closed = { code: event.code, reason: event.reason };
      clearTimeout(timer);
      resolve();
    });
  });
  rt.close({ code: 1000, reason: 'done' });
  print(result);
}

main().catch(fail);
