import {field, h, mount} from '../dom.js';
import {t} from '../i18n.js';
import {del, get, post, put} from '../api.js';
import {onSubmit} from '../ui.js';

/** The addresses each provider takes, as the API names them. */
const ENDPOINTS = {
  github: ['baseUrl', 'apiUrl'],
  feishu: ['host', 'accountsHost'],
  oidc: ['issuerUri', 'name', 'scopes'],
};
const NAMES = {github: 'GitHub', feishu: 'Feishu / Lark', oidc: 'OpenID Connect'};

/** "set" / "not set" for a write-only secret. */
function secretState(id, isSet) {
  return h('small', {id, class: 'hint'}, isSet ? t('settings.secretSet') : t('settings.secretNotSet'));
}

/** Where the values in force come from: these settings or the server configuration. */
function source(view) {
  return h('p', {class: 'muted wide', 'data-source': view.source},
    view.source === 'settings' ? t('settings.fromSettings') : t('settings.fromConfiguration'));
}

/**
 * The SMTP server (platform admins): host, port, login, sender, STARTTLS; the password is write-only (left empty, the
 * one in force is kept). Saved, it applies at once; a test mail goes to an address of the admin's choice.
 */
export async function mailCard(note) {
  const card = h('div', {id: 'mail-card'});
  const render = view => {
    const password = h('input', {id: 'mail-password', name: 'password', type: 'password', autocomplete: 'new-password',
      'aria-describedby': 'mail-password-state'});
    const form = onSubmit(h('form', {class: 'card form-grid', id: 'mail-form', 'aria-labelledby': 'mail-title'},
      h('h2', {id: 'mail-title'}, t('settings.mail')),
      source(view),
      field(t('settings.mailHost'), h('input', {id: 'mail-host', name: 'host', required: true, value: view.host})),
      field(t('settings.mailPort'), h('input', {id: 'mail-port', name: 'port', type: 'number', min: '1', max: '65535',
        required: true, value: String(view.port)})),
      field(t('settings.mailUsername'), h('input', {id: 'mail-username', name: 'username', autocomplete: 'off',
        value: view.username})),
      h('div', {class: 'field'}, h('label', {for: 'mail-password'}, t('settings.mailPassword')), password,
        secretState('mail-password-state', view.passwordSet)),
      field(t('settings.mailFrom'), h('input', {id: 'mail-from', name: 'from', type: 'email', required: true,
        value: view.from})),
      h('div', {class: 'field check'}, h('input', {id: 'mail-starttls', name: 'startTls', type: 'checkbox',
        checked: view.startTls}), h('label', {for: 'mail-starttls'}, t('settings.mailStartTls'))),
      h('div', {class: 'form-actions'},
        h('button', {type: 'submit', id: 'mail-submit'}, t('common.save')),
        view.source === 'settings' ? h('button', {type: 'button', class: 'secondary', id: 'mail-reset',
          onclick: () => act(() => del('/api/v1/settings/mail'))}, t('settings.useConfiguration')) : null)),
    note, async f => {
      const e = f.elements;
      const body = {host: e.host.value.trim(), port: Number(e.port.value), username: e.username.value.trim(),
        from: e.from.value.trim(), startTls: e.startTls.checked};
      if (e.password.value) body.password = e.password.value;
      render(await put('/api/v1/settings/mail', body));
      note.show(t('common.saved'));
    });
    const test = onSubmit(h('form', {class: 'card form-grid', id: 'mail-test-form', 'aria-labelledby': 'mail-test-title'},
      h('h2', {id: 'mail-test-title'}, t('settings.mailTest')),
      field(t('settings.mailTestTo'), h('input', {id: 'mail-test-to', name: 'to', type: 'email', required: true})),
      h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'mail-test-submit', class: 'secondary',
        disabled: !view.configured}, t('settings.mailTestSend')))),
    note, async f => {
      await post('/api/v1/settings/mail/test', {to: f.elements.to.value.trim()});
      note.show(t('settings.mailTestSent'));
    });
    mount(card, form, test);
  };
  const act = async fn => {
    try {
      render(await fn());
      note.show(t('common.saved'));
    } catch (e) {
      note.error(e);
    }
  };
  render(await get('/api/v1/settings/mail'));
  return card;
}

/**
 * The external sign-in providers (platform admins): for each, on or off, the OAuth client id, the write-only client
 * secret and the provider's addresses, with the callback URL to register at the provider.
 */
export async function providersCards(note) {
  const area = h('div', {id: 'providers-card'});
  const render = items => mount(area, h('section', {class: 'card', 'aria-labelledby': 'providers-title'},
    h('h2', {id: 'providers-title'}, t('settings.providers')),
    h('p', {class: 'muted'}, t('settings.providersHint'))),
  items.map(p => providerForm(p, note, async () => render((await get('/api/v1/settings/sign-in')).items))));
  render((await get('/api/v1/settings/sign-in')).items);
  return area;
}

function providerForm(p, note, reload) {
  const id = p.id;
  const callback = `${location.origin}${p.callbackPath}`;
  return onSubmit(h('form', {class: 'card form-grid', id: `provider-${id}-form`, 'aria-labelledby': `provider-${id}-title`},
    h('h3', {id: `provider-${id}-title`}, NAMES[id]),
    source(p),
    h('div', {class: 'field check'}, h('input', {id: `provider-${id}-enabled`, name: 'enabled', type: 'checkbox',
      checked: p.enabled}), h('label', {for: `provider-${id}-enabled`}, t('settings.providerEnabled'))),
    field(t('settings.clientId'), h('input', {id: `provider-${id}-client-id`, name: 'clientId', autocomplete: 'off',
      value: p.clientId})),
    h('div', {class: 'field'}, h('label', {for: `provider-${id}-secret`}, t('settings.clientSecret')),
      h('input', {id: `provider-${id}-secret`, name: 'clientSecret', type: 'password', autocomplete: 'new-password',
        'aria-describedby': `provider-${id}-secret-state`}),
      secretState(`provider-${id}-secret-state`, p.clientSecretSet)),
    ENDPOINTS[id].map(name => field(t(`settings.endpoint.${name}`), h('input', {id: `provider-${id}-${name}`,
      name, value: p.endpoints[name] || ''}))),
    h('p', {class: 'hint wide', id: `provider-${id}-callback`}, `${t('settings.callbackUrl')}: ${callback}`),
    h('div', {class: 'form-actions'},
      h('button', {type: 'submit', id: `provider-${id}-submit`}, t('common.save')),
      p.source === 'settings' ? h('button', {type: 'button', class: 'secondary', id: `provider-${id}-reset`,
        onclick: async () => {
          try {
            await del(`/api/v1/settings/sign-in/${id}`);
            await reload();
            note.show(t('common.saved'));
          } catch (e) {
            note.error(e);
          }
        }}, t('settings.useConfiguration')) : null)),
  note, async f => {
    const e = f.elements;
    const endpoints = {};
    for (const name of ENDPOINTS[id]) if (e[name].value.trim()) endpoints[name] = e[name].value.trim();
    const body = {enabled: e.enabled.checked, clientId: e.clientId.value.trim(), endpoints};
    if (e.clientSecret.value) body.clientSecret = e.clientSecret.value;
    await put(`/api/v1/settings/sign-in/${id}`, body);
    await reload();
    note.show(t('common.saved'));
  });
}
