// Google's Gen AI SDK (@google/genai, the Gemini Developer API with an API key) against Tollgate:
//   TOLLGATE_BASE_URL  the gateway (http://127.0.0.1:<port>), TOLLGATE_KEY a Tollgate key, TOLLGATE_MODEL a model.
// Generates, streams, counts tokens, embeds, lists and gets models, and generates with a key Tollgate refuses;
// prints one JSON object with what came back.
import { GoogleGenAI } from '@google/genai';
import { attempt, fail, print, required } from './common.mjs';

const baseUrl = required('TOLLGATE_BASE_URL');
const key = required('TOLLGATE_KEY');
const model = required('TOLLGATE_MODEL');

const client = (apiKey) => new GoogleGenAI({ apiKey, httpOptions: { baseUrl, apiVersion: 'v1beta' } });

async function main() {
  const ai = client(key);
  const result = {};

  result.generate = await attempt(async () => {
    const r = await ai.models.generateContent({ model, contents: 'Say hello' });
    return { text: r.text, usage: r.usageMetadata ?? null };
  });

  result.stream = await attempt(async () => {
    const stream = await ai.models.generateContentStream({ model, contents: 'Say hello' });
    let text = '';
    let chunks = 0;
    let usage = null;
    for await (const chunk of stream) {
      chunks++;
      text += chunk.text ?? '';
      if (chunk.usageMetadata) {
        usage = chunk.usageMetadata;
      }
    }
    return { text, chunks, usage };
  });

  result.countTokens = await attempt(async () => {
    const r = await ai.models.countTokens({ model, contents: 'Say hello to the world' });
    return { totalTokens: r.totalTokens };
  });

  result.embed = await attempt(async () => {
    const r = await ai.models.embedContent({ model, contents: 'Hello world' });
    return { embeddings: (r.embeddings ?? []).map((e) => e.values) };
  });

  result.list = await attempt(async () => {
    const names = [];
    const pager = await ai.models.list();
    for await (const m of pager) {
      names.push(m.name);
    }
    return { names };
  });

  result.get = await attempt(async () => {
    const m = await ai.models.get({ model });
    return { name: m.name };
  });

  result.refused = await attempt(async () => {
    const r = await client('sk-not-a-tollgate-key').models.generateContent({ model, contents: 'Say hello' });
    return { text: r.text };
  });

  print(result);
}

main().catch(fail);
