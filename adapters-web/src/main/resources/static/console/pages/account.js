import {field, h, mount} from '../dom.js';
import {dateTime, num, t, units} from '../i18n.js';
import {del, get, post, put} from '../api.js';
import {copyOnce, endOfDay, notice, onSubmit, table} from '../ui.js';
import {emailSection} from './identity.js';

/**
 * The caller's own account: daily check-in, invite link, e-mail address (set and verified), low-balance reminder and
 * mail language (docs/notifications.md), password, personal access tokens for scripts.
 */
export async function accountPage(main, {session}) {
  const note = notice();
  const tokenSecret = h('div', {id: 'pat-secret'});
  const tokenList = h('div', {id: 'pat-list'});
  main.append(h('h1', {}, t('account.title')), note);

  const invite = await get('/api/v1/users/me/invite');
  main.append(h('section', {class: 'card', 'aria-labelledby': 'incentives-title'},
    h('h2', {id: 'incentives-title'}, t('account.incentives')),
    h('div', {class: 'form-actions'}, h('button', {type: 'button', id: 'check-in', onclick: async () => {
      try {
        const wallet = await post('/api/v1/check-in');
        note.show(t('account.checkedIn', {balance: units(wallet.balance)}));
      } catch (e) {
        note.error(e);
      }
    }}, t('account.checkIn'))),
    h('p', {class: 'muted'}, t('account.invitees', {invitees: num(invite.invitees), rewarded: num(invite.rewardedInvitees)})),
    copyOnce('invite-code', t('account.inviteCode'), t('account.inviteHint'), t('account.inviteCode'), invite.code)));

  async function loadTokens() {
    const result = await get('/api/v1/users/me/access-tokens');
    mount(tokenList, table(t('account.tokens'), [
      {label: t('common.name'), cell: a => a.name},
      {label: t('keys.key'), cell: a => h('code', {}, a.maskedToken)},
      {label: t('account.scope'), cell: a => a.scope},
      {label: t('keys.expiresCol'), cell: a => dateTime(a.expiresAt)},
      {label: t('common.status'), cell: a => (a.revoked ? t('account.revoked') : t('common.enabled'))},
      {label: t('common.actions'), cell: a => (a.revoked ? '' : h('button', {type: 'button', class: 'danger',
        'aria-label': `${t('account.revoke')} ${a.name}`, onclick: async () => {
          try {
            await del(`/api/v1/users/me/access-tokens/${encodeURIComponent(a.id)}`);
            await loadTokens();
          } catch (e) {
            note.error(e);
          }
        }}, t('account.revoke')))},
    ], result.items));
  }

  main.append(h('section', {class: 'card', 'aria-labelledby': 'pat-title'}, h('h2', {id: 'pat-title'}, t('account.tokens')),
    h('p', {class: 'muted'}, t('account.tokensHint')), tokenSecret, tokenList,
    onSubmit(h('form', {class: 'form-grid', id: 'pat-form', 'aria-label': t('account.tokenCreate')},
      field(t('common.name'), h('input', {id: 'pat-name', name: 'name', required: true})),
      field(t('account.scope'), h('select', {id: 'pat-scope', name: 'scope'},
        h('option', {value: 'read'}, 'read'), h('option', {value: 'write'}, 'write'))),
      field(t('keys.expires'), h('input', {id: 'pat-expires', name: 'expiresAt', type: 'date'}), t('account.expiresHint')),
      h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'pat-submit'}, t('account.tokenCreate')))),
    note, async f => {
      const body = {name: f.elements.name.value.trim(), scope: f.elements.scope.value};
      const expiresAt = endOfDay(f.elements.expiresAt.value);
      if (expiresAt) body.expiresAt = expiresAt;
      const created = await post('/api/v1/users/me/access-tokens', body);
      f.reset();
      mount(tokenSecret, copyOnce('new-pat', t('keys.secretTitle'), t('keys.secretOnce'), t('keys.secretLabel'),
        created.token));
      await loadTokens();
    })));

  main.append(await emailSection(note));
  main.append(await notificationsForm(session.userId, note));
  main.append(onSubmit(h('form', {class: 'card form-grid', id: 'password-form', 'aria-labelledby': 'password-title'},
    h('h2', {id: 'password-title'}, t('account.password')),
    field(t('account.currentPassword'), h('input', {id: 'password-current', name: 'currentPassword', type: 'password',
      autocomplete: 'current-password'})),
    field(t('account.newPassword'), h('input', {id: 'password-new', name: 'newPassword', type: 'password',
      minlength: '12', required: true, autocomplete: 'new-password'}), t('register.passwordHint')),
    h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'password-submit'}, t('common.save')))),
  note, async f => {
    await put('/api/v1/users/me/password', {currentPassword: f.elements.currentPassword.value,
      newPassword: f.elements.newPassword.value});
    f.reset();
    note.show(t('account.passwordChanged'));
  }));
  await loadTokens();
}

/** The wallet's low-balance threshold (empty: off) and the language of the mails the user gets. */
async function notificationsForm(userId, note) {
  const path = `/api/v1/users/${encodeURIComponent(userId)}/notification-settings`;
  const current = await get(path);
  return onSubmit(h('form', {class: 'card form-grid', id: 'notify-form', 'aria-labelledby': 'notify-title'},
    h('h2', {id: 'notify-title'}, t('account.notifications')),
    field(t('account.balanceThreshold'), h('input', {id: 'notify-threshold', name: 'balanceThreshold', type: 'number',
      min: '1', step: '1', value: current.balanceThreshold === null ? '' : String(current.balanceThreshold)}),
    t('account.balanceThresholdHint')),
    field(t('account.mailLanguage'), h('select', {id: 'notify-language', name: 'language'},
      ['', 'zh', 'en'].map(l => h('option', {value: l, selected: (current.language || '') === l},
        t(`account.mailLanguage.${l || 'default'}`))))),
    h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'notify-submit'}, t('common.save')))),
  note, async f => {
    const threshold = f.elements.balanceThreshold.value;
    await put(path, {balanceThreshold: threshold === '' ? null : Number(threshold),
      language: f.elements.language.value || null});
    note.show(t('common.saved'));
  });
}
