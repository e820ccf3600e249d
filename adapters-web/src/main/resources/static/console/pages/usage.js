import {field, h, mount} from '../dom.js';
import {dateTime, num, t, units} from '../i18n.js';
import {get, query} from '../api.js';
import {notice, onSubmit, pager, table} from '../ui.js';

/** The caller's usage records (all of them for platform admins), newest first, filtered by model, key and dates. */
export async function usagePage(main) {
  const note = notice();
  const area = h('div', {id: 'usage-list'});
  let filter = {};
  const keySelect = h('select', {id: 'usage-key', name: 'tokenId'}, h('option', {value: ''}, t('filter.all')));
  const form = onSubmit(h('form', {class: 'card filters', id: 'usage-filter', 'aria-label': t('usage.filter')},
    field(t('common.model'), h('input', {id: 'usage-model', name: 'model'})),
    field(t('usage.key'), keySelect),
    field(t('filter.from'), h('input', {id: 'usage-from', name: 'from', type: 'date'})),
    field(t('filter.to'), h('input', {id: 'usage-to', name: 'to', type: 'date'})),
    h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'usage-apply', class: 'secondary'},
      t('filter.apply')))),
  note, async f => {
    filter = {model: f.elements.model.value.trim(), tokenId: keySelect.value, from: startOf(f.elements.from.value),
      to: startOf(f.elements.to.value, 1)};
    await load();
  });
  main.append(h('h1', {}, t('usage.title')), form, note, area);

  async function load(page = 0) {
    const result = await get(`/api/v1/usage${query({...filter, page, size: 50})}`);
    const totals = result.totals || {};
    mount(area,
      totals.requests !== undefined ? h('p', {class: 'muted'}, t('usage.total', {requests: num(totals.requests), cost: units(totals.cost)})) : null,
      table(t('usage.title'), [
        {label: t('common.time'), cell: r => dateTime(r.at)},
        {label: t('common.model'), cell: r => r.model},
        {label: t('usage.tokensIn'), cell: r => num(r.promptTokens), class: 'num'},
        {label: t('usage.tokensOut'), cell: r => num(r.completionTokens), class: 'num'},
        {label: t('usage.cost'), cell: r => units(r.cost), class: 'num'},
        {label: t('usage.latency'), cell: r => `${num(r.latencyMillis)} ms`, class: 'num'},
        {label: t('usage.outcome'), cell: r => r.outcome},
      ], result.items),
      result.total > result.size ? pager(result.page, result.size, result.total, load) : null);
  }
  await Promise.all([load(), keys()]);

  /** The caller's keys (the first 100, by name) for the key filter. */
  async function keys() {
    const result = await get(`/api/v1/tokens${query({size: 100})}`);
    keySelect.append(...result.items.map(k => h('option', {value: k.id}, k.name)));
  }
}

/** The start of a yyyy-mm-dd day (plus some days) in the browser's time zone, as an ISO instant. */
export function startOf(value, plusDays = 0) {
  if (!value) return undefined;
  const [y, m, d] = value.split('-').map(Number);
  return new Date(y, m - 1, d + plusDays).toISOString();
}
