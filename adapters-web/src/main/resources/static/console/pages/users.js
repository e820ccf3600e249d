import {field, h, mount} from '../dom.js';
import {dateTime, t, units} from '../i18n.js';
import {get, patch, post, query} from '../api.js';
import {notice, onSubmit, pager, searchBar, statusBadge, table, toggleButton} from '../ui.js';

const ROLES = ['USER', 'ADMIN'];

/** Users (platform admins): search and filter, add, enable/disable, and add quota to a user's wallet. */
export async function usersPage(main, {session}) {
  const note = notice();
  const listArea = h('div', {id: 'user-list'});
  const userSelect = h('select', {id: 'credit-user', name: 'user', required: true});
  let filter = {};
  const search = searchBar('user-search', note, [
    {name: 'role', label: t('users.role'), options: [['', t('filter.all')], ['ROOT', 'ROOT'], ...ROLES.map(r => [r, r])]},
    {name: 'status', label: t('common.status'),
      options: [['', t('filter.all')], ['enabled', t('common.enabled')], ['disabled', t('common.disabled')]]},
  ], async values => {
    filter = values;
    await load();
  });
  main.append(h('h1', {}, t('users.title')), search, note, listArea);

  async function load(page = 0) {
    const result = await get(`/api/v1/users${query({...filter, page, size: 50})}`);
    const toggle = async (u, status) => {
      try {
        await patch(`/api/v1/users/${encodeURIComponent(u.id)}`, {status});
        await load(page);
      } catch (e) {
        note.error(e);
      }
    };
    mount(listArea, table(t('users.title'), [
      {label: t('login.username'), cell: u => u.username},
      {label: t('users.role'), cell: u => u.role},
      {label: t('common.status'), cell: u => statusBadge(u.status)},
      {label: t('users.registered'), cell: u => dateTime(u.registeredAt)},
      {label: t('common.actions'), cell: u => (u.id === session.userId || u.role === 'ROOT' ? ''
        : toggleButton(u.status, u.username, status => toggle(u, status)))},
    ], result.items), result.total > result.size ? pager(result.page, result.size, result.total, load) : null);
    mount(userSelect, result.items.map(u => h('option', {value: u.id}, u.username)));
  }

  const create = onSubmit(h('form', {class: 'card form-grid', id: 'user-form', 'aria-labelledby': 'user-form-title'},
    h('h2', {id: 'user-form-title'}, t('users.create')),
    field(t('login.username'), h('input', {id: 'user-name', name: 'username', required: true, autocomplete: 'off'})),
    field(t('login.password'), h('input', {id: 'user-password', name: 'password', type: 'password', minlength: '12',
      required: true, autocomplete: 'new-password'}), t('register.passwordHint')),
    field(t('users.role'), h('select', {id: 'user-role', name: 'role'}, ROLES.map(r => h('option', {value: r}, r)))),
    h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'user-submit'}, t('common.create')))),
  note, async f => {
    const created = await post('/api/v1/users', {username: f.elements.username.value.trim(),
      password: f.elements.password.value, role: f.elements.role.value});
    f.reset();
    note.show(t('users.created', {name: created.username}));
    await load();
  });

  const credit = onSubmit(h('form', {class: 'card form-grid', id: 'credit-form', 'aria-labelledby': 'credit-form-title'},
    h('h2', {id: 'credit-form-title'}, t('users.credit')),
    field(t('login.username'), userSelect),
    field(t('users.amount'), h('input', {id: 'credit-amount', name: 'amount', type: 'number', min: '1', step: '1',
      value: '500000', required: true}), t('keys.quotaHint')),
    field(t('users.reason'), h('input', {id: 'credit-reason', name: 'reason', required: true})),
    h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'credit-submit'}, t('users.credit')))),
  note, async f => {
    const name = userSelect.selectedOptions[0] ? userSelect.selectedOptions[0].textContent : '';
    const wallet = await post(`/api/v1/users/${encodeURIComponent(userSelect.value)}/wallet/credits`,
      {amount: Number(f.elements.amount.value), reason: f.elements.reason.value.trim()});
    f.elements.reason.value = '';
    note.show(t('users.credited', {name, balance: units(wallet.balance)}));
  });
  main.append(create, credit);
  await load();
}
