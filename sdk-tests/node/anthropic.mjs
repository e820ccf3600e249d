// Anthropic's TypeScript SDK (@anthropic-ai/sdk) against Tollgate's POST /v1/messages:
//   TOLLGATE_BASE_URL  the gateway (http://127.0.0.1:<port>), TOLLGATE_KEY a Tollgate key, TOLLGATE_MODEL a model.
// Creates a message, streams one, counts tokens, and creates one with a key Tollgate refuses; prints one JSON object
// with what came back.
import Anthropic from '@anthropic-ai/sdk';
import { attempt, fail, print, required } from './common.mjs';

const baseURL = required('TOLLGATE_BASE_URL');
const key = required('TOLLGATE_KEY');
const model = required('TOLLGATE_MODEL');

const client = (apiKey) => new Anthropic({ apiKey, baseURL, maxRetries: 0, timeout: 30_000 });
const text = (message) =>
  message.content
    .filter((b) => b.type === 'text')
    .map((b) => b.text)
    .join('');

async function main() {
  const anthropic = client(key);
  const messages = [{ role: 'user', content: 'Say hello' }];
  const result = {};

  result.create = await attempt(async () => {
    const m = await anthropic.messages.create({ model, max_tokens: 100, messages });
    return { type: m.type, role: m.role, text: text(m), stopReason: m.stop_reason, usage: m.usage };
  });

  result.stream = await attempt(async () => {
    const stream = anthropic.messages.stream({ model, max_tokens: 100, messages });
    let deltas = '';
    const events = [];
    stream.on('text', (delta) => {
      deltas += delta;
    });
    stream.on('streamEvent', (event) => events.push(event.type));
    const m = await stream.finalMessage();
    return { deltas, text: text(m), events, stopReason: m.stop_reason, usage: m.usage };
  });

  result.countTokens = await attempt(async () => {
    const r = await anthropic.messages.countTokens({
      model,
      messages: [{ role: 'user', content: 'Hello there, how are you today?' }],
    });
    return { inputTokens: r.input_tokens };
  });

  result.refused = await attempt(async () => {
    const m = await client('sk-not-a-tollgate-key').messages.create({ model, max_tokens: 100, messages });
    return { text: text(m) };
  });

  print(result);
}

main().catch(fail);
