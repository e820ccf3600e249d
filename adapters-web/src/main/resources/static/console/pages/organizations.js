import {field, h, mount} from '../dom.js';
import {num, t, units} from '../i18n.js';
import {del, get, patch, post} from '../api.js';
import {notice, onSubmit, statusBadge, table} from '../ui.js';

const ROLES = ['MEMBER', 'ADMIN'];

/**
 * Organisations the caller belongs to (every one for platform admins): create one, and for the chosen one its
 * members (add, change role, remove) and wallet (credits by platform admins). The API decides what each role may do.
 */
export async function organizationsPage(main, {admin}) {
  const note = notice();
  const listArea = h('div', {id: 'org-list'});
  const detail = h('div', {id: 'org-detail'});
  main.append(h('h1', {}, t('org.title')), note, listArea);

  async function load() {
    const result = await get('/api/v1/organizations');
    mount(listArea, table(t('org.title'), [
      {label: t('common.name'), cell: o => (o.personal ? `${o.name} (${t('org.personal')})` : o.name)},
      {label: t('org.yourRole'), cell: o => o.yourRole || ''},
      {label: t('org.members'), cell: o => num(o.members), class: 'num'},
      {label: t('common.status'), cell: o => statusBadge(o.status)},
      {label: t('common.actions'), cell: o => (o.personal ? '' : h('button', {type: 'button', class: 'secondary',
        'data-action': 'manage', 'data-name': o.name, 'aria-label': `${t('org.manage')} ${o.name}`,
        onclick: () => manage(o)}, t('org.manage')))},
    ], result.items));
  }

  async function manage(org) {
    const [members, wallet] = await Promise.all([
      get(`/api/v1/organizations/${encodeURIComponent(org.id)}/members`),
      get(`/api/v1/organizations/${encodeURIComponent(org.id)}/wallet`).catch(() => null),
    ]);
    const base = `/api/v1/organizations/${encodeURIComponent(org.id)}`;
    const act = async fn => {
      try {
        await fn();
        await manage(org);
        await load();
      } catch (e) {
        note.error(e);
      }
    };
    mount(detail, h('section', {class: 'card', 'aria-labelledby': 'org-detail-title'},
      h('h2', {id: 'org-detail-title'}, org.name),
      wallet ? h('p', {id: 'org-balance'}, `${t('dash.balance')}: ${units(wallet.balance)}`) : null,
      table(t('org.members'), [
        {label: t('login.username'), cell: m => m.username},
        {label: t('users.role'), cell: m => m.role},
        {label: t('common.actions'), cell: m => (m.role === 'OWNER' ? '' : h('div', {class: 'actions'},
          h('button', {type: 'button', class: 'secondary', 'aria-label': `${t('org.toggleRole')} ${m.username}`,
            onclick: () => act(() => patch(`${base}/members/${encodeURIComponent(m.userId)}`,
              {role: m.role === 'ADMIN' ? 'MEMBER' : 'ADMIN'}))},
          m.role === 'ADMIN' ? t('org.makeMember') : t('org.makeAdmin')),
          h('button', {type: 'button', class: 'danger', 'aria-label': `${t('org.remove')} ${m.username}`,
            onclick: () => confirm(t('common.confirmDelete', {name: m.username}))
              && act(() => del(`${base}/members/${encodeURIComponent(m.userId)}`))}, t('org.remove'))))},
      ], members.items),
      onSubmit(h('form', {class: 'form-grid', id: 'member-form', 'aria-label': t('org.addMember')},
        field(t('login.username'), h('input', {id: 'member-username', name: 'username', required: true})),
        field(t('users.role'), h('select', {id: 'member-role', name: 'role'}, ROLES.map(r => h('option', {value: r}, r)))),
        h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'member-submit'}, t('org.addMember')))),
      note, f => act(() => post(`${base}/members`, {username: f.elements.username.value.trim(),
        role: f.elements.role.value}))),
      admin ? onSubmit(h('form', {class: 'form-grid', id: 'org-credit-form', 'aria-label': t('users.credit')},
        field(t('users.amount'), h('input', {id: 'org-credit-amount', name: 'amount', type: 'number', min: '1', step: '1',
          value: '500000', required: true}), t('keys.quotaHint')),
        field(t('users.reason'), h('input', {id: 'org-credit-reason', name: 'reason', required: true})),
        h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'org-credit-submit'}, t('users.credit')))),
      note, f => act(() => post(`${base}/wallet/credits`, {amount: Number(f.elements.amount.value),
        reason: f.elements.reason.value.trim()}))) : null));
    detail.querySelector('h2').setAttribute('tabindex', '-1');
    detail.querySelector('h2').focus();
  }

  main.append(detail, onSubmit(h('form', {class: 'card form-grid narrow', id: 'org-form', 'aria-labelledby': 'org-form-title'},
    h('h2', {id: 'org-form-title'}, t('org.create')),
    field(t('common.name'), h('input', {id: 'org-name', name: 'name', required: true})),
    h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'org-submit'}, t('common.create')))),
  note, async f => {
    const created = await post('/api/v1/organizations', {name: f.elements.name.value.trim()});
    f.reset();
    await load();
    await manage(created);
  }));
  await load();
}
