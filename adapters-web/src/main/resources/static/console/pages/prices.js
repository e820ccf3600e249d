import {field, h, mount} from '../dom.js';
import {num, t, units} from '../i18n.js';
import {get, post, put, query} from '../api.js';
import {notice, onSubmit, pager, table} from '../ui.js';

/** Optional price fields (units per 1M tokens): empty means the default (cache prices: the input price, or Anthropic's
 * ratios for Claude models; audio: none). */
const OPTIONAL_PRICES = [['cachedInput', 'price-cached-input'], ['cacheWrite', 'price-cache-write'],
  ['audioInput', 'price-audio-input'], ['audioOutput', 'price-audio-output']];

/**
 * Prices per 1M tokens: the table for everyone; for platform admins setting a price, loading the defaults, and one-api's
 * ratio tables (ModelRatio, CompletionRatio, GroupRatio) exported and imported.
 */
export async function pricesPage(main, {admin}) {
  const note = notice();
  const listArea = h('div', {id: 'price-list'});
  main.append(h('h1', {}, t('prices.title')), note);

  /** A page of the prices (500 by model name, the server's default); a pager when there are more. */
  async function load(page = 0) {
    const result = await get(`/api/v1/prices${query({page})}`);
    const rows = [...result.items].sort((a, b) => a.model.localeCompare(b.model));
    mount(listArea, table(t('prices.title'), [
      {label: t('common.model'), cell: p => h('code', {}, p.model)},
      {label: t('prices.inputCol'), cell: p => units(p.input), class: 'num'},
      {label: t('prices.outputCol'), cell: p => units(p.output), class: 'num'},
      {label: t('prices.cacheReadCol'), cell: p => units(p.cachedInput), class: 'num'},
      {label: t('prices.cacheWriteCol'), cell: p => units(p.cacheWrite), class: 'num'},
      {label: t('prices.audioInputCol'), cell: p => units(p.audioInput), class: 'num'},
      {label: t('prices.audioOutputCol'), cell: p => units(p.audioOutput), class: 'num'},
    ], rows), result.total > result.size ? pager(result.page, result.size, result.total, load) : null);
  }

  main.append(listArea);
  if (admin) {
    const form = onSubmit(h('form', {class: 'card form-grid', id: 'price-form', 'aria-labelledby': 'price-form-title'},
      h('h2', {id: 'price-form-title'}, t('prices.set')),
      field(t('common.model'), h('input', {id: 'price-model', name: 'model', required: true})),
      field(t('prices.input'), h('input', {id: 'price-input', name: 'input', type: 'number', min: '0', step: '1', required: true})),
      field(t('prices.output'), h('input', {id: 'price-output', name: 'output', type: 'number', min: '0', step: '1', required: true})),
      ...OPTIONAL_PRICES.map(([name, id]) => field(t(`prices.${name}`),
        h('input', {id, name, type: 'number', min: '0', step: '1', placeholder: t('prices.optionalHint')}))),
      h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'price-submit'}, t('common.save')),
        h('button', {type: 'button', class: 'secondary', id: 'price-defaults', onclick: async () => {
          try {
            const r = await post('/api/v1/prices/defaults');
            note.show(t('prices.defaultsDone', {count: num(r.set.length)}));
            await load();
          } catch (e) {
            note.error(e);
          }
        }}, t('prices.defaults')))),
    note, async f => {
      const model = f.elements.model.value.trim();
      const body = {input: Number(f.elements.input.value), output: Number(f.elements.output.value)};
      for (const [name] of OPTIONAL_PRICES) {
        if (f.elements[name].value !== '') {
          body[name] = Number(f.elements[name].value);
        }
      }
      await put(`/api/v1/prices/${model.split('/').map(encodeURIComponent).join('/')}`, body);
      f.reset();
      note.show(t('common.saved'));
      await load();
    });
    main.append(form, ratiosForm(note, load));
  }
  await load();
}

/** one-api's ratio JSON: export shows the current prices as ratios; import sets prices from pasted ratios. */
function ratiosForm(note, load) {
  const text = h('textarea', {id: 'ratios-json', name: 'ratios', rows: 6, spellcheck: 'false',
    placeholder: '{"ModelRatio": {"deepseek-chat": 0.07}, "CompletionRatio": {"deepseek-chat": 4}}'});
  const exportRatios = async () => {
    try {
      const exported = await get('/api/v1/prices/export/one-api');
      text.value = JSON.stringify(exported, null, 2);
      note.show(t('prices.exported', {count: num(Object.keys(exported.ModelRatio).length)}));
    } catch (e) {
      note.error(e);
    }
  };
  return onSubmit(h('form', {class: 'card form-grid', id: 'ratios-form', 'aria-labelledby': 'ratios-title'},
    h('h2', {id: 'ratios-title'}, t('prices.ratios')),
    h('div', {class: 'field wide'}, h('label', {for: 'ratios-json'}, t('prices.ratiosJson')), text,
      h('small', {class: 'hint'}, t('prices.ratiosHint'))),
    h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'ratios-import'}, t('prices.import')),
      h('button', {type: 'button', class: 'secondary', id: 'ratios-export', onclick: exportRatios}, t('prices.export')))),
  note, async () => {
    let body;
    try {
      body = JSON.parse(text.value);
    } catch (e) {
      throw new Error(t('prices.notJson'));
    }
    const r = await post('/api/v1/prices/import/one-api', body);
    note.show(t('prices.imported', {count: num(r.imported)}));
    await load();
  });
}
