import {field, h, mount} from '../dom.js';
import {dateTime, num, t, units} from '../i18n.js';
import {get, patch, post} from '../api.js';
import {copyOnce, endOfDay, notice, onSubmit, statusBadge, table} from '../ui.js';

/** Redemption batches (platform admins): create (the codes shown once), list, disable. */
export async function redemptionsPage(main) {
  const note = notice();
  const codesArea = h('div', {id: 'batch-codes'});
  const listArea = h('div', {id: 'batch-list'});
  main.append(h('h1', {}, t('red.title')), note, codesArea);

  async function load() {
    const batches = await get('/api/v1/redemption-batches');
    mount(listArea, table(t('red.title'), [
      {label: t('common.name'), cell: b => b.name},
      {label: t('red.valueCol'), cell: b => units(b.value), class: 'num'},
      {label: t('red.codes'), cell: b => num(b.codes), class: 'num'},
      {label: t('red.redeemed'), cell: b => num(b.redeemed), class: 'num'},
      {label: t('keys.expiresCol'), cell: b => (b.expiresAt ? dateTime(b.expiresAt) : t('common.never'))},
      {label: t('common.status'), cell: b => statusBadge(b.status)},
      {label: t('common.actions'), cell: b => h('div', {class: 'actions'},
        h('a', {class: 'button secondary inline', href: `/api/v1/redemption-batches/${encodeURIComponent(b.id)}/codes.csv`,
          'aria-label': `${t('red.csv')} ${b.name}`}, t('red.csv')),
        b.status === 'active' ? h('button', {type: 'button', class: 'secondary',
        'data-action': 'disable', 'data-name': b.name, 'aria-label': `${t('common.disable')} ${b.name}`,
        onclick: async () => {
          try {
            await patch(`/api/v1/redemption-batches/${encodeURIComponent(b.id)}`, {status: 'disabled'});
            await load();
          } catch (e) {
            note.error(e);
          }
        }}, t('common.disable')) : null)},
    ], batches));
  }

  const form = onSubmit(h('form', {class: 'card form-grid', id: 'batch-form', 'aria-labelledby': 'batch-form-title'},
    h('h2', {id: 'batch-form-title'}, t('red.create')),
    field(t('common.name'), h('input', {id: 'batch-name', name: 'name', required: true})),
    field(t('red.count'), h('input', {id: 'batch-count', name: 'count', type: 'number', min: '1', max: '1000', value: '10', required: true})),
    field(t('red.value'), h('input', {id: 'batch-value', name: 'value', type: 'number', min: '1', step: '1', value: '500000', required: true}),
      t('keys.quotaHint')),
    field(t('red.expires'), h('input', {id: 'batch-expires', name: 'expiresAt', type: 'date'}), t('keys.expiresHint')),
    h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'batch-submit'}, t('common.create')))),
  note, async f => {
    const body = {name: f.elements.name.value.trim(), count: Number(f.elements.count.value),
      value: Number(f.elements.value.value)};
    const expiresAt = endOfDay(f.elements.expiresAt.value);
    if (expiresAt) body.expiresAt = expiresAt;
    const created = await post('/api/v1/redemption-batches', body);
    f.reset();
    mount(codesArea, copyOnce('new-codes', t('red.codesTitle'), t('red.codesOnce'), t('red.codesTitle'),
      created.codes.join('\n'), true));
    await load();
  });
  main.append(listArea, form);
  await load();
}
