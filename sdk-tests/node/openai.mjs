// OpenAI's TypeScript SDK (openai) against Tollgate:
//   TOLLGATE_BASE_URL  the gateway's OpenAI base (http://127.0.0.1:<port>/v1), TOLLGATE_KEY a Tollgate key,
//   TOLLGATE_MODEL a model.
// A chat completion, a streamed one with stream_options.include_usage, a response (Responses API), and a chat with a
// key Tollgate refuses; prints one JSON object with what came back.
import OpenAI from 'openai';
import { attempt, fail, print, required } from './common.mjs';

const baseURL = required('TOLLGATE_BASE_URL');
const key = required('TOLLGATE_KEY');
const model = required('TOLLGATE_MODEL');

const client = (apiKey) => new OpenAI({ apiKey, baseURL, maxRetries: 0, timeout: 30_000 });

async function main() {
  const openai = client(key);
  const messages = [{ role: 'user', content: 'Say hello' }];
  const result = {};

  result.chat = await attempt(async () => {
    const c = await openai.chat.completions.create({ model, messages });
    return { model: c.model, text: c.choices[0]?.message?.content, finishReason: c.choices[0]?.finish_reason, usage: c.usage };
  });

  result.stream = await attempt(async () => {
    const stream = await openai.chat.completions.create({
      model,
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    const finishReasons = [];
    let usage = null;
    for await (const chunk of stream) {
      for (const choice of chunk.choices) {
        text += choice.delta?.content ?? '';
        if (choice.finish_reason) {
          finishReasons.push(choice.finish_reason);
        }
      }
      if (chunk.usage) {
        usage = chunk.usage;
      }
    }
    return { text, finishReasons, usage };
  });

  result.response = await attempt(async () => {
    const r = await openai.responses.create({ model, input: 'Say hello', max_output_tokens: 100 });
    return { status: r.status, text: r.output_text, usage: r.usage };
  });

  result.refused = await attempt(async () => {
    const c = await client('sk-not-a-tollgate-key').chat.completions.create({ model, messages });
    return { text: c.choices[0]?.message?.content };
  });

  print(result);
}

main().catch(fail);
