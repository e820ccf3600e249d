import {field, h, mount} from '../dom.js';
import {dateTime, t} from '../i18n.js';
import {get, query} from '../api.js';
import {notice, onSubmit, pager, table} from '../ui.js';
import {startOf} from './usage.js';

/** The audit log: who did what, when, from where; everything for platform admins, one's own actions otherwise. */
export async function auditPage(main) {
  const note = notice();
  const area = h('div', {id: 'audit-list'});
  let filter = {};
  const form = onSubmit(h('form', {class: 'card filters', id: 'audit-filter', 'aria-label': t('usage.filter')},
    field(t('audit.action'), h('input', {id: 'audit-action', name: 'action', placeholder: 'token.issued'})),
    field(t('audit.targetType'), h('input', {id: 'audit-target-type', name: 'targetType', placeholder: 'channel'})),
    field(t('filter.from'), h('input', {id: 'audit-from', name: 'from', type: 'date'})),
    field(t('filter.to'), h('input', {id: 'audit-to', name: 'to', type: 'date'})),
    h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'audit-apply', class: 'secondary'},
      t('filter.apply')))),
  note, async f => {
    filter = {action: f.elements.action.value.trim(), targetType: f.elements.targetType.value.trim(),
      from: startOf(f.elements.from.value), to: startOf(f.elements.to.value, 1)};
    await load();
  });
  main.append(h('h1', {}, t('audit.title')), form, note, area);

  async function load(page = 0) {
    const result = await get(`/api/v1/audit-log${query({...filter, page, size: 50})}`);
    mount(area, table(t('audit.title'), [
      {label: t('common.time'), cell: e => dateTime(e.at)},
      {label: t('ledger.actor'), cell: e => e.actor},
      {label: t('audit.action'), cell: e => h('code', {}, e.action)},
      {label: t('audit.target'), cell: e => [e.targetType, e.targetId].filter(Boolean).join(' ')},
      {label: t('audit.details'), cell: e => e.details || ''},
      {label: t('audit.address'), cell: e => e.clientAddress || ''},
    ], result.items), result.total > result.size ? pager(result.page, result.size, result.total, load) : null);
  }
  await load();
}
