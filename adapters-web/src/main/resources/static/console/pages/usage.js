import {h, mount} from '../dom.js';
import {dateTime, num, t, units} from '../i18n.js';
import {get, query} from '../api.js';
import {pager, table} from '../ui.js';

/** The caller's usage records (all of them for platform admins), newest first. */
export async function usagePage(main) {
  const area = h('div', {id: 'usage-list'});
  main.append(h('h1', {}, t('usage.title')), area);

  async function load(page = 0) {
    const result = await get(`/api/v1/usage${query({page, size: 50})}`);
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
  await load();
}
