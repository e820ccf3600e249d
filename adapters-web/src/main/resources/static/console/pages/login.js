import {field, h, mount} from '../dom.js';
import {t} from '../i18n.js';
import {get, post} from '../api.js';
import {notice, onSubmit} from '../ui.js';
import {passwordReset} from './identity.js';

/**
 * Sign-in: a password (POST /api/v1/auth/session sets the HttpOnly session cookie and answers the CSRF token), the
 * configured external providers (GitHub, Feishu, OIDC), and registration when it is open or by invitation.
 */
export function loginPage(signedIn, handOffError) {
  const note = notice();
  const extras = h('div', {class: 'login-extras'});
  const username = h('input', {id: 'login-username', name: 'username', autocomplete: 'username', required: true});
  const password = h('input', {id: 'login-password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true});
  const form = onSubmit(h('form', {class: 'card login', id: 'login-form', 'aria-labelledby': 'login-title'},
    h('div', {class: 'brand big'}, h('img', {src: '/favicon.svg', alt: '', width: 40, height: 40}),
      h('span', {}, 'Tollgate')),
    h('h1', {id: 'login-title'}, t('login.title')),
    field(t('login.username'), username),
    field(t('login.password'), password),
    h('button', {type: 'submit', id: 'login-submit'}, t('login.submit')),
    note,
    extras,
    h('p', {class: 'muted'}, t('login.api'), ' ', h('a', {href: '/swagger-ui/index.html'}, t('login.docs')))),
  note, async () => {
    signedIn(await post('/api/v1/auth/session', {username: username.value, password: password.value}));
  });
  if (handOffError) note.show(t('common.error', {message: handOffError}), 'error');
  queueMicrotask(() => username.focus());
  loadExtras(extras, signedIn, note);
  extras.after(passwordReset(note));
  return form;
}

async function loadExtras(extras, signedIn, note) {
  const [providers, registration] = await Promise.all([
    get('/api/v1/auth/providers').catch(() => ({providers: []})),
    get('/api/v1/auth/registration').catch(() => ({mode: 'closed'})),
  ]);
  const items = providers.providers || [];
  if (items.length) {
    extras.append(h('div', {class: 'providers'}, h('p', {class: 'muted'}, t('login.or')),
      items.map(p => h('a', {class: 'button secondary', href: p.signInUrl, id: `login-${p.id}`},
        t('login.with', {name: p.name})))));
  }
  if (registration.mode === 'open' || registration.mode === 'invite-only') {
    const open = h('button', {type: 'button', class: 'link', id: 'register-open', 'aria-expanded': 'false'},
      t('register.title'));
    const area = h('div', {id: 'register-area'});
    open.addEventListener('click', () => {
      open.setAttribute('aria-expanded', 'true');
      mount(area, registerForm(registration.mode, signedIn, note));
      area.querySelector('input').focus();
    });
    extras.append(open, area);
  }
}

function registerForm(mode, signedIn, note) {
  const username = h('input', {id: 'register-username', name: 'username', autocomplete: 'username', required: true});
  const password = h('input', {id: 'register-password', name: 'password', type: 'password', minlength: '12',
    autocomplete: 'new-password', required: true});
  const invite = h('input', {id: 'register-invite', name: 'inviteCode', required: mode === 'invite-only'});
  // a form may not sit inside another: the fields are checked and sent by hand
  const submit = h('button', {type: 'button', id: 'register-submit', class: 'secondary'}, t('register.submit'));
  submit.addEventListener('click', async () => {
    if (![username, password, invite].every(c => c.reportValidity())) return;
    submit.disabled = true;
    try {
      const body = {username: username.value, password: password.value};
      if (invite.value.trim()) body.inviteCode = invite.value.trim();
      await post('/api/v1/auth/register', body);
      signedIn(await post('/api/v1/auth/session', {username: username.value, password: password.value}));
    } catch (e) {
      note.error(e);
    } finally {
      submit.disabled = false;
    }
  });
  return h('fieldset', {class: 'register'}, h('legend', {}, t('register.title')),
    field(t('login.username'), username),
    field(t('login.password'), password, t('register.passwordHint')),
    field(mode === 'invite-only' ? t('register.invite') : t('register.inviteOptional'), invite),
    submit);
}
