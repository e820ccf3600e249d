import {field, h, mount} from '../dom.js';
import {num, t, units} from '../i18n.js';
import {del, get, patch, post, put, query} from '../api.js';
import {notice, onSubmit, pager, searchBar, statusBadge, table} from '../ui.js';
import {invitationsSection, notificationsSection, policySection, walletSection} from './organization-settings.js';

const ROLES = ['MEMBER', 'ADMIN'];
const MANAGERS = ['OWNER', 'ADMIN'];

/**
 * Organisations the caller belongs to (every one for platform admins), searched by name and paged: the caller's own
 * pending invitations, create
 * one, and for the chosen one its members (add, change role, remove, monthly budget and rate limit), invitations,
 * policy and key defaults, and wallet (credits and debits by platform admins). The API decides what each role may do;
 * the page only leaves out what it would refuse.
 */
export async function organizationsPage(main, {admin}) {
  const note = notice();
  const mine = h('div', {id: 'my-invitations'});
  const listArea = h('div', {id: 'org-list'});
  const detail = h('div', {id: 'org-detail'});
  let filter = {};
  let shown = 0;
  const search = searchBar('org-search', note, [], async values => {
    filter = values;
    await load(0);
  });
  main.append(h('h1', {}, t('org.title')), note, mine, search, listArea);

  async function load(page = shown) {
    const [result, invitations] = await Promise.all([get(`/api/v1/organizations${query({...filter, page, size: 20})}`),
      get('/api/v1/organizations/invitations')]);
    shown = result.page;
    mount(mine, invitations.items.length ? h('section', {class: 'card', 'aria-labelledby': 'my-inv-title'},
      h('h2', {id: 'my-inv-title'}, t('org.yourInvitations')),
      table(t('org.yourInvitations'), [
        {label: t('common.name'), cell: i => i.organizationName},
        {label: t('users.role'), cell: i => i.role},
        {label: t('common.actions'), cell: i => h('div', {class: 'actions'},
          h('button', {type: 'button', 'data-action': 'accept', 'data-name': i.organizationName,
            'aria-label': `${t('org.accept')} ${i.organizationName}`, onclick: () => act(async () => {
              await post(`/api/v1/organizations/${encodeURIComponent(i.organizationId)}/invitations/accept`);
            })}, t('org.accept')),
          h('button', {type: 'button', class: 'secondary', 'aria-label': `${t('org.decline')} ${i.organizationName}`,
            onclick: () => act(() => post(`/api/v1/organizations/${encodeURIComponent(i.organizationId)}/invitations/decline`))},
          t('org.decline')))},
      ], invitations.items)) : null);
    mount(listArea, table(t('org.title'), [
      {label: t('common.name'), cell: o => (o.personal ? `${o.name} (${t('org.personal')})` : o.name)},
      {label: t('org.yourRole'), cell: o => o.yourRole || ''},
      {label: t('org.members'), cell: o => num(o.members), class: 'num'},
      {label: t('common.status'), cell: o => statusBadge(o.status)},
      {label: t('common.actions'), cell: o => (o.personal ? '' : h('button', {type: 'button', class: 'secondary',
        'data-action': 'manage', 'data-name': o.name, 'aria-label': `${t('org.manage')} ${o.name}`,
        onclick: () => manage(o)}, t('org.manage')))},
    ], result.items), result.total > result.size ? pager(result.page, result.size, result.total, load) : null);
  }

  async function act(fn) {
    try {
      await fn();
      await load();
    } catch (e) {
      note.error(e);
    }
  }

  async function manage(org) {
    const base = `/api/v1/organizations/${encodeURIComponent(org.id)}`;
    const manager = admin || MANAGERS.includes(org.yourRole);
    const [members, wallet, budgets] = await Promise.all([
      get(`${base}/members`),
      get(`${base}/wallet`).catch(() => null),
      manager ? get(`${base}/budgets`) : {items: []},
    ]);
    const budgetOf = Object.fromEntries(budgets.items.map(b => [b.userId, b]));
    // fn may return what to show once the page is drawn again (a notice after the new figures, not before them)
    const refresh = async fn => {
      try {
        const after = await fn();
        await manage(org);
        await load();
        if (typeof after === 'function') after();
      } catch (e) {
        note.error(e);
      }
    };
    const ctx = {org, base, admin, manager, note, refresh, members: members.items};
    mount(detail, h('section', {class: 'card', 'aria-labelledby': 'org-detail-title'},
      h('h2', {id: 'org-detail-title'}, org.name),
      wallet ? h('p', {id: 'org-balance'}, `${t('dash.balance')}: ${units(wallet.balance)}`) : null,
      h('h3', {}, t('org.members')),
      table(t('org.members'), [
        {label: t('login.username'), cell: m => m.username},
        {label: t('users.role'), cell: m => m.role},
        manager ? {label: t('org.budget'), cell: m => budgetText(budgetOf[m.userId]), class: 'num'} : null,
        {label: t('common.actions'), cell: m => (m.role === 'OWNER' || !manager ? '' : h('div', {class: 'actions'},
          h('button', {type: 'button', class: 'secondary', 'aria-label': `${t('org.toggleRole')} ${m.username}`,
            onclick: () => refresh(() => patch(`${base}/members/${encodeURIComponent(m.userId)}`,
              {role: m.role === 'ADMIN' ? 'MEMBER' : 'ADMIN'}))},
          m.role === 'ADMIN' ? t('org.makeMember') : t('org.makeAdmin')),
          h('button', {type: 'button', class: 'danger', 'aria-label': `${t('org.remove')} ${m.username}`,
            onclick: () => confirm(t('common.confirmDelete', {name: m.username}))
              && refresh(() => del(`${base}/members/${encodeURIComponent(m.userId)}`))}, t('org.remove'))))},
      ].filter(Boolean), members.items),
      manager ? onSubmit(h('form', {class: 'form-grid', id: 'member-form', 'aria-label': t('org.addMember')},
        field(t('login.username'), h('input', {id: 'member-username', name: 'username', required: true})),
        field(t('users.role'), h('select', {id: 'member-role', name: 'role'}, ROLES.map(r => h('option', {value: r}, r)))),
        h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'member-submit'}, t('org.addMember')))),
      note, f => refresh(() => post(`${base}/members`, {username: f.elements.username.value.trim(),
        role: f.elements.role.value}))) : null,
      manager ? memberLimitsForm(ctx) : null,
      manager ? await invitationsSection(ctx) : null,
      await policySection(ctx),
      admin ? walletSection(ctx) : null,
      manager ? await notificationsSection(ctx) : null));
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
    await manage({...created, yourRole: 'OWNER'});
  }));
  await load();
}

/** "used / budget" this month, or "—" without a budget. */
function budgetText(b) {
  if (!b || b.monthlyBudget === null || b.monthlyBudget === undefined) return '—';
  return `${units(b.used)} / ${units(b.monthlyBudget)}`;
}

/** One member's monthly budget and rate limit: the current values load when the member is chosen. */
function memberLimitsForm({base, note, refresh, members}) {
  const choices = members.filter(m => m.role !== 'OWNER');
  if (!choices.length) return null;
  const select = h('select', {id: 'limit-member', name: 'member'}, choices.map(m => h('option', {value: m.userId}, m.username)));
  const budget = h('input', {id: 'limit-budget', name: 'monthlyBudget', type: 'number', min: '0', step: '1'});
  const rpm = h('input', {id: 'limit-rpm', name: 'rpm', type: 'number', min: '1', step: '1'});
  const tpm = h('input', {id: 'limit-tpm', name: 'tpm', type: 'number', min: '1', step: '1'});
  const current = async () => {
    const id = encodeURIComponent(select.value);
    const [b, l] = await Promise.all([get(`${base}/members/${id}/budget`), get(`${base}/members/${id}/rate-limit`)]);
    budget.value = b.monthlyBudget ?? '';
    rpm.value = l.rpm ?? '';
    tpm.value = l.tpm ?? '';
    form.dataset.member = select.value; // whose values the fields show
  };
  const value = input => (input.value === '' ? null : Number(input.value));
  const form = onSubmit(h('form', {class: 'form-grid', id: 'limit-form', 'aria-labelledby': 'limit-form-title'},
    h('h3', {id: 'limit-form-title'}, t('org.memberLimits')),
    field(t('login.username'), select),
    field(t('org.monthlyBudget'), budget, t('org.budgetHint')),
    field(t('keys.rpm'), rpm, t('settings.noLimitHint')),
    field(t('keys.tpm'), tpm, t('settings.noLimitHint')),
    h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'limit-submit'}, t('common.save')))),
  note, () => refresh(async () => {
    const id = encodeURIComponent(select.value);
    await put(`${base}/members/${id}/budget`, {monthlyBudget: value(budget)});
    await put(`${base}/members/${id}/rate-limit`, {rpm: value(rpm), tpm: value(tpm)});
    note.show(t('common.saved'));
  }));
  select.addEventListener('change', () => current().catch(e => note.error(e)));
  current().catch(e => note.error(e));
  return form;
}
