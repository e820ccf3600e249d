import {field, h, mount} from '../dom.js';
import {dateTime, t, units} from '../i18n.js';
import {get, query} from '../api.js';
import {notice, onSubmit, table} from '../ui.js';
import {startOf} from './usage.js';

const KINDS = ['', 'top_up', 'adjustment', 'debit', 'settlement', 'redemption', 'incentive', 'reservation', 'release'];

/** The ledger: every change of the wallets the caller may read, newest first, filtered; also as CSV. */
export async function ledgerPage(main) {
  const note = notice();
  const area = h('div', {id: 'ledger-list'});
  let filter = {};
  const csv = h('a', {class: 'button secondary inline', id: 'ledger-csv', href: '/api/v1/ledger.csv', download: 'ledger.csv'},
    t('ledger.csv'));
  const form = onSubmit(h('form', {class: 'card filters', id: 'ledger-filter', 'aria-label': t('usage.filter')},
    field(t('ledger.kind'), h('select', {id: 'ledger-kind', name: 'kind'},
      KINDS.map(k => h('option', {value: k}, k || t('filter.all'))))),
    field(t('filter.from'), h('input', {id: 'ledger-from', name: 'from', type: 'date'})),
    field(t('filter.to'), h('input', {id: 'ledger-to', name: 'to', type: 'date'})),
    h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'ledger-apply', class: 'secondary'},
      t('filter.apply')), csv)),
  note, async f => {
    filter = {kind: f.elements.kind.value, from: startOf(f.elements.from.value), to: startOf(f.elements.to.value, 1)};
    csv.setAttribute('href', `/api/v1/ledger.csv${query(filter)}`);
    await load();
  });
  main.append(h('h1', {}, t('ledger.title')), form, note, area);

  async function load(page = 0) {
    const result = await get(`/api/v1/ledger${query({...filter, page, size: 50})}`);
    const entries = filter.kind ? result.entries
      : result.entries.filter(e => e.amount !== 0 || (e.kind !== 'reservation' && e.kind !== 'release'));
    mount(area, table(t('ledger.title'), [
      {label: t('common.time'), cell: e => dateTime(e.at)},
      {label: t('ledger.kind'), cell: e => e.kind},
      {label: t('ledger.amount'), cell: e => units(e.amount), class: 'num'},
      {label: t('ledger.reason'), cell: e => e.reason || e.reference || ''},
      {label: t('ledger.actor'), cell: e => e.actor || ''},
    ], entries), h('nav', {class: 'pager', 'aria-label': t('ledger.title')},
      h('button', {type: 'button', disabled: page <= 0, onclick: () => load(page - 1)}, t('common.prev')),
      h('button', {type: 'button', disabled: result.entries.length < result.size, onclick: () => load(page + 1)},
        t('common.next'))));
  }
  await load();
}
