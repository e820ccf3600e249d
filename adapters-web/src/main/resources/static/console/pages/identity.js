// Identity pieces outside the main pages: the password reset on the sign-in page, the e-mail address on the account
// page. Both need the server's SMTP settings (tollgate.mail.*); without them the API answers with its error.
import {field, h, mount} from '../dom.js';
import {t} from '../i18n.js';
import {get, post, put} from '../api.js';
import {onSubmit} from '../ui.js';

/**
 * "Forgot your password?": a code is mailed to the account's verified address, then the code and a new password set
 * it. Fields sent by hand: the sign-in form may not hold another form.
 */
export function passwordReset(note) {
  const open = h('button', {type: 'button', class: 'link', id: 'reset-open', 'aria-expanded': 'false'},
    t('reset.open'));
  const area = h('div', {id: 'reset-area'});
  const button = (id, label, run, controls) => {
    const b = h('button', {type: 'button', id, class: 'secondary'}, label);
    b.addEventListener('click', async () => {
      if (!controls.every(c => c.reportValidity())) return;
      b.disabled = true;
      try {
        await run();
      } catch (e) {
        note.error(e);
      } finally {
        b.disabled = false;
      }
    });
    return b;
  };
  open.addEventListener('click', () => {
    open.setAttribute('aria-expanded', 'true');
    const username = h('input', {id: 'reset-username', autocomplete: 'username', required: true});
    const code = h('input', {id: 'reset-code', autocomplete: 'one-time-code', required: true});
    const password = h('input', {id: 'reset-password', type: 'password', minlength: '12', autocomplete: 'new-password',
      required: true});
    mount(area, h('fieldset', {class: 'register'}, h('legend', {}, t('reset.title')),
      field(t('login.username'), username),
      button('reset-send', t('reset.send'), async () => {
        await post('/api/v1/auth/password-reset', {username: username.value.trim()});
        note.show(t('reset.sent'));
        code.focus();
      }, [username]),
      field(t('reset.code'), code),
      field(t('account.newPassword'), password, t('register.passwordHint')),
      button('reset-confirm', t('reset.confirm'), async () => {
        await post('/api/v1/auth/password-reset/confirm', {code: code.value.trim(), newPassword: password.value});
        note.show(t('reset.done'));
        document.getElementById('login-username').value = username.value.trim();
        document.getElementById('login-password').focus();
      }, [code, password])));
    username.focus();
  });
  return h('div', {}, open, area);
}

/** The caller's e-mail address: set it (a code is mailed), then verify it with the code. */
export async function emailSection(note) {
  const current = await get('/api/v1/users/me/email').catch(() => null);
  const status = h('p', {id: 'email-status'}, current
    ? t(current.verified ? 'email.verified' : 'email.unverified', {email: current.email}) : t('email.none'));
  const verify = onSubmit(h('form', {class: 'form-grid', id: 'email-verify-form', 'aria-label': t('email.verify'),
    hidden: !current || current.verified},
  field(t('reset.code'), h('input', {id: 'email-code', name: 'code', autocomplete: 'one-time-code', required: true})),
  h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'email-verify-submit'}, t('email.verify')))),
  note, async f => {
    const verified = await post('/api/v1/users/me/email/verification', {code: f.elements.code.value.trim()});
    f.reset();
    status.textContent = t('email.verified', {email: verified.email});
    verify.hidden = true;
    note.show(t('email.verifiedNote'));
  });
  return h('section', {class: 'card', id: 'email-card', 'aria-labelledby': 'email-title'},
    h('h2', {id: 'email-title'}, t('email.title')), status,
    onSubmit(h('form', {class: 'form-grid', id: 'email-form', 'aria-label': t('email.set')},
      field(t('org.email'), h('input', {id: 'email-address', name: 'email', type: 'email', required: true,
        autocomplete: 'email', value: current ? current.email : ''})),
      h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'email-submit'}, t('email.set')))),
    note, async f => {
      const email = f.elements.email.value.trim();
      await put('/api/v1/users/me/email', {email});
      status.textContent = t('email.unverified', {email});
      verify.hidden = false;
      note.show(t('email.codeSent', {email}));
      verify.querySelector('input').focus();
    }),
    verify);
}
