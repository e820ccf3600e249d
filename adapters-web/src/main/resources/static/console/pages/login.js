import {field, h} from '../dom.js';
import {t} from '../i18n.js';
import {post} from '../api.js';
import {notice, onSubmit} from '../ui.js';

/** Password sign-in: POST /api/v1/auth/session sets the HttpOnly session cookie and answers the CSRF token. */
export function loginPage(signedIn) {
  const note = notice();
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
    h('p', {class: 'muted'}, t('login.api'), ' ', h('a', {href: '/swagger-ui/index.html'}, t('login.docs')))),
  note, async () => {
    signedIn(await post('/api/v1/auth/session', {username: username.value, password: password.value}));
  });
  queueMicrotask(() => username.focus());
  return form;
}
