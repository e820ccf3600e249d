import {field, h, mount} from '../dom.js';
import {t} from '../i18n.js';
import {del, get, post} from '../api.js';
import {copyOnce, onSubmit, table} from '../ui.js';

/**
 * Webhooks for notification events (docs/notifications.md): the platform's ({@code organizationId} null, on the
 * settings page) or an organisation's (on its page). The signing secret is shown once.
 */
export async function webhooksCard(note, organizationId) {
  const scope = organizationId ? `?organizationId=${encodeURIComponent(organizationId)}` : '';
  const list = h('div', {id: 'webhook-list'});
  const secret = h('div', {id: 'webhook-secret'});
  async function load() {
    const result = await get(`/api/v1/webhooks${scope}`);
    mount(list, table(t('settings.webhooks'), [
      {label: 'URL', cell: w => h('code', {}, w.url)},
      {label: t('common.actions'), cell: w => h('button', {type: 'button', class: 'danger',
        'aria-label': `${t('common.delete')} ${w.url}`, onclick: async () => {
          try {
            await del(`/api/v1/webhooks/${encodeURIComponent(w.id)}`);
            await load();
          } catch (e) {
            note.error(e);
          }
        }}, t('common.delete'))},
    ], result.data));
  }
  await load();
  return h('section', {class: 'card', id: 'webhooks-card', 'aria-labelledby': 'webhooks-title'},
    h('h2', {id: 'webhooks-title'}, t('settings.webhooks')), h('p', {class: 'hint'}, t('settings.webhooksHint')),
    secret, list,
    onSubmit(h('form', {class: 'form-grid', id: 'webhook-form', 'aria-label': t('settings.webhookAdd')},
      field('URL', h('input', {id: 'webhook-url', name: 'url', type: 'url', required: true})),
      h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'webhook-submit'}, t('settings.webhookAdd')))),
    note, async f => {
      const body = {url: f.elements.url.value.trim()};
      if (organizationId) body.organizationId = organizationId;
      const created = await post('/api/v1/webhooks', body);
      f.reset();
      mount(secret, copyOnce('webhook-new-secret', t('keys.secretTitle'), t('keys.secretOnce'),
        t('settings.webhookSecret'), created.secret));
      await load();
    }));
}
