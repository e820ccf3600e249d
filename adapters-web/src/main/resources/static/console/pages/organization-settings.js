// The parts of an organisation's page below its members: invitations, policy and key defaults, wallet credits and
// debits, low-balance reminder and webhooks. Each takes the page's context {org, base, admin, manager, note, refresh} and returns a section.
import {field, h, list} from '../dom.js';
import {dateTime, num, t, units} from '../i18n.js';
import {del, get, post, put} from '../api.js';
import {onSubmit, table} from '../ui.js';
import {webhooksCard} from './webhooks.js';

const ROLES = ['MEMBER', 'ADMIN'];
const roleSelect = id => h('select', {id, name: 'role'}, ROLES.map(r => h('option', {value: r}, r)));

/** Pending invitations, by user name and by e-mail: invite, list, withdraw (owner and admins). */
export async function invitationsSection({base, note, refresh}) {
  const [byName, byEmail] = await Promise.all([get(`${base}/invitations`), get(`${base}/email-invitations`)]);
  const withdraw = (label, path) => h('button', {type: 'button', class: 'danger', 'data-action': 'withdraw',
    'data-name': label, 'aria-label': `${t('org.withdraw')} ${label}`, onclick: () => refresh(() => del(path))},
  t('org.withdraw'));
  return h('section', {id: 'org-invitations', 'aria-labelledby': 'org-inv-title'},
    h('h3', {id: 'org-inv-title'}, t('org.invitations')),
    table(t('org.invitations'), [
      {label: t('org.invitee'), cell: i => i.username || i.maskedEmail},
      {label: t('users.role'), cell: i => i.role},
      {label: t('keys.expiresCol'), cell: i => (i.expiresAt ? dateTime(i.expiresAt) : '')},
      {label: t('common.actions'), cell: i => (i.invitationId
        ? withdraw(i.maskedEmail, `${base}/email-invitations/${encodeURIComponent(i.invitationId)}`)
        : withdraw(i.username, `${base}/invitations/${encodeURIComponent(i.userId)}`))},
    ], [...byName.items, ...byEmail.items]),
    onSubmit(h('form', {class: 'form-grid', id: 'invite-form', 'aria-label': t('org.inviteUser')},
      field(t('login.username'), h('input', {id: 'invite-username', name: 'username', required: true})),
      field(t('users.role'), roleSelect('invite-role')),
      h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'invite-submit'}, t('org.inviteUser')))),
    note, f => refresh(async () => {
      await post(`${base}/invitations`, {username: f.elements.username.value.trim(), role: f.elements.role.value});
      note.show(t('org.invited', {name: f.elements.username.value.trim()}));
    })),
    onSubmit(h('form', {class: 'form-grid', id: 'invite-email-form', 'aria-label': t('org.inviteEmail')},
      field(t('org.email'), h('input', {id: 'invite-email', name: 'email', type: 'email', required: true}),
        t('org.emailHint')),
      field(t('users.role'), roleSelect('invite-email-role')),
      h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'invite-email-submit'}, t('org.inviteEmail')))),
    note, f => refresh(async () => {
      const sent = await post(`${base}/email-invitations`, {email: f.elements.email.value.trim(),
        role: f.elements.role.value});
      note.show(t('org.invited', {name: sent.maskedEmail}));
    })));
}

/**
 * The organisation's grant (groups, models, RPM/TPM: set by platform admins) and its key defaults (RPM/TPM for keys
 * that set none: owner and admins); read-only for members.
 */
export async function policySection({base, admin, manager, note, refresh}) {
  const policy = await get(`${base}/policy`).catch(() => null);
  if (!policy) return null;
  const limit = n => (n === null || n === undefined ? t('common.unlimited') : num(n));
  const numberInput = (id, name, value) => h('input', {id, name, type: 'number', min: '1', step: '1', value: value ?? ''});
  const value = el => (el.value === '' ? null : Number(el.value));
  return h('section', {id: 'org-policy', 'aria-labelledby': 'org-policy-title'},
    h('h3', {id: 'org-policy-title'}, t('org.policy')),
    h('dl', {class: 'facts'},
      h('dt', {}, t('org.groups')), h('dd', {}, policy.groups.join(', ') || t('org.anyGroup')),
      h('dt', {}, t('common.models')), h('dd', {}, policy.models.join(', ') || t('org.anyModel')),
      h('dt', {}, t('org.orgLimits')), h('dd', {}, `${limit(policy.rpm)} RPM · ${limit(policy.tpm)} TPM`),
      h('dt', {}, t('org.keyDefaults')), h('dd', {}, `${limit(policy.keyRpm)} RPM · ${limit(policy.keyTpm)} TPM`)),
    admin ? onSubmit(h('form', {class: 'form-grid', id: 'policy-form', 'aria-label': t('org.grant')},
      field(t('org.groups'), h('input', {id: 'policy-groups', name: 'groups', value: policy.groups.join(', ')})),
      field(t('common.models'), h('input', {id: 'policy-models', name: 'models', value: policy.models.join(', ')}),
        t('org.modelsHint')),
      field(t('keys.rpm'), numberInput('policy-rpm', 'rpm', policy.rpm), t('settings.noLimitHint')),
      field(t('keys.tpm'), numberInput('policy-tpm', 'tpm', policy.tpm), t('settings.noLimitHint')),
      h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'policy-submit'}, t('org.grant')))),
    note, f => refresh(async () => {
      await put(`${base}/policy`, {groups: list(f.elements.groups.value), models: list(f.elements.models.value),
        rpm: value(f.elements.rpm), tpm: value(f.elements.tpm)});
      note.show(t('common.saved'));
    })) : null,
    manager ? onSubmit(h('form', {class: 'form-grid', id: 'key-defaults-form', 'aria-label': t('org.keyDefaults')},
      field(`${t('org.keyDefaults')}: RPM`, numberInput('key-default-rpm', 'rpm', policy.keyRpm), t('settings.noLimitHint')),
      field(`${t('org.keyDefaults')}: TPM`, numberInput('key-default-tpm', 'tpm', policy.keyTpm), t('settings.noLimitHint')),
      h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'key-defaults-submit'}, t('common.save')))),
    note, f => refresh(async () => {
      await put(`${base}/key-defaults`, {rpm: value(f.elements.rpm), tpm: value(f.elements.tpm)});
      note.show(t('common.saved'));
    })) : null);
}

/** Credits (a top-up or an adjustment) and debits of the organisation's wallet (platform admins). */
export function walletSection({base, note, refresh}) {
  const amount = id => h('input', {id, name: 'amount', type: 'number', min: '1', step: '1', value: '500000', required: true});
  // shown once the page is drawn again with the new balance
  const done = wallet => () => note.show(t('org.balanceNow', {balance: units(wallet.balance)}));
  return h('section', {id: 'org-wallet', 'aria-labelledby': 'org-wallet-title'},
    h('h3', {id: 'org-wallet-title'}, t('users.wallet')),
    onSubmit(h('form', {class: 'form-grid', id: 'org-credit-form', 'aria-label': t('users.credit')},
      field(t('users.amount'), amount('org-credit-amount'), t('keys.quotaHint')),
      field(t('org.kind'), h('select', {id: 'org-credit-kind', name: 'kind'},
        h('option', {value: 'top_up'}, t('org.kind.top_up')), h('option', {value: 'adjustment'}, t('org.kind.adjustment')))),
      field(t('users.reason'), h('input', {id: 'org-credit-reason', name: 'reason', required: true})),
      h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'org-credit-submit'}, t('users.credit')))),
    note, f => refresh(async () => done(await post(`${base}/wallet/credits`, {amount: Number(f.elements.amount.value),
      kind: f.elements.kind.value, reason: f.elements.reason.value.trim()})))),
    onSubmit(h('form', {class: 'form-grid', id: 'org-debit-form', 'aria-label': t('org.debit')},
      field(t('users.amount'), amount('org-debit-amount'), t('org.debitHint')),
      field(t('users.reason'), h('input', {id: 'org-debit-reason', name: 'reason', required: true})),
      h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'org-debit-submit', class: 'danger'}, t('org.debit')))),
    note, f => refresh(async () => done(await post(`${base}/wallet/debits`, {amount: Number(f.elements.amount.value),
      reason: f.elements.reason.value.trim()})))));
}

/** The wallet's low-balance threshold (its owners and admins are mailed below it) and the organisation's webhooks. */
export async function notificationsSection({org, base, note}) {
  const current = await get(`${base}/notification-settings`);
  return h('section', {id: 'org-notifications', 'aria-labelledby': 'org-notify-title'},
    h('h3', {id: 'org-notify-title'}, t('account.notifications')),
    onSubmit(h('form', {class: 'form-grid', id: 'org-notify-form', 'aria-label': t('account.notifications')},
      field(t('account.balanceThreshold'), h('input', {id: 'org-notify-threshold', name: 'balanceThreshold',
        type: 'number', min: '1', step: '1',
        value: current.balanceThreshold === null ? '' : String(current.balanceThreshold)}),
      t('account.balanceThresholdHint')),
      h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'org-notify-submit'}, t('common.save')))),
    note, async f => {
      const threshold = f.elements.balanceThreshold.value;
      await put(`${base}/notification-settings`, {balanceThreshold: threshold === '' ? null : Number(threshold)});
      note.show(t('common.saved'));
    }),
    await webhooksCard(note, org.id));
}
