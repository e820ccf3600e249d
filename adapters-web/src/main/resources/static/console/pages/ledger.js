import {h, mount} from '../dom.js';
import {dateTime, t, units} from '../i18n.js';
import {get, query} from '../api.js';
import {table} from '../ui.js';

/** The ledger: every change of the wallets the caller may read, newest first; pages of 50. */
export async function ledgerPage(main) {
  const area = h('div', {id: 'ledger-list'});
  main.append(h('h1', {}, t('ledger.title')), area);

  async function load(page = 0) {
    const result = await get(`/api/v1/ledger${query({page, size: 50})}`);
    const entries = result.entries.filter(e => e.amount !== 0 || (e.kind !== 'reservation' && e.kind !== 'release'));
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
