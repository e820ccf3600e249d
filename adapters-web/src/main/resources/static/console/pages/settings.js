import {field, h} from '../dom.js';
import {t} from '../i18n.js';
import {get, put} from '../api.js';
import {notice, onSubmit} from '../ui.js';
import {mailCard, providersCards} from './integrations.js';
import {webhooksCard} from './webhooks.js';

const MODES = ['closed', 'invite-only', 'open'];
const REWARD_ON = ['sign_up', 'first_top_up'];

/**
 * The configuration file's state (docs/configuration-as-code.md), when one is set: where it is, whether it is in
 * force, and why it was refused, line by line.
 */
function configFileCard(status) {
  if (status.state === 'off') {
    return null;
  }
  return h('section', {class: 'card', id: 'config-file', 'aria-labelledby': 'config-file-title'},
    h('h2', {id: 'config-file-title'}, t('settings.configFile')),
    h('p', {id: 'config-file-state'}, `${t(`settings.configFile.${status.state}`)}: ${status.file}`),
    status.problems.length === 0 ? null : h('ul', {id: 'config-file-problems'},
      status.problems.map(p => h('li', {}, `${t('settings.configFile.line')} ${p.line}: ${p.reason}`))),
    h('p', {class: 'hint'}, t('settings.configFile.hint')));
}

/**
 * Platform settings (admins): the configuration file, the site (name, logo, notice after sign-in, footer), the SMTP
 * server (with a test mail), the external sign-in providers, registration, incentives, per-user rate limits.
 */
export async function settingsPage(main) {
  const note = notice();
  const [registration, incentives, limits, site, configFile, mail, providers] = await Promise.all([
    get('/api/v1/auth/registration'), get('/api/v1/settings/incentives'), get('/api/v1/settings/rate-limits'),
    get('/api/v1/site'), get('/api/v1/config/status'), mailCard(note), providersCards(note)]);
  const number = (id, name, value, hint) => field(t(`settings.${name}`), h('input', {id, name, type: 'number', min: '0',
    step: '1', value: value === null || value === undefined ? '' : String(value)}), hint);
  const optional = value => (value === '' ? null : Number(value));

  main.append(h('h1', {}, t('settings.title')), note, configFileCard(configFile), siteForm(site, note),
    mail, providers,
    onSubmit(h('form', {class: 'card form-grid', id: 'registration-form', 'aria-labelledby': 'registration-title'},
      h('h2', {id: 'registration-title'}, t('settings.registration')),
      field(t('settings.mode'), h('select', {id: 'registration-mode', name: 'mode'},
        MODES.map(m => h('option', {value: m, selected: m === registration.mode}, t(`settings.mode.${m}`))))),
      h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'registration-submit'}, t('common.save')))),
    note, async f => {
      await put('/api/v1/settings/registration', {mode: f.elements.mode.value});
      note.show(t('common.saved'));
    }),
    onSubmit(h('form', {class: 'card form-grid', id: 'incentives-form', 'aria-labelledby': 'incentives-settings-title'},
      h('h2', {id: 'incentives-settings-title'}, t('settings.incentives')),
      number('inc-signup', 'signupBonus', incentives.signupBonus, t('keys.quotaHint')),
      number('inc-check-in', 'checkInBonus', incentives.checkInBonus),
      number('inc-invitee', 'inviteeBonus', incentives.inviteeBonus),
      number('inc-inviter', 'inviterReward', incentives.inviterReward),
      field(t('settings.inviterRewardOn'), h('select', {id: 'inc-reward-on', name: 'inviterRewardOn'},
        REWARD_ON.map(r => h('option', {value: r, selected: r === incentives.inviterRewardOn}, t(`settings.on.${r}`))))),
      number('inc-cap', 'inviterRewardCap', incentives.inviterRewardCap, t('settings.capHint')),
      h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'incentives-submit'}, t('common.save')))),
    note, async f => {
      const e = f.elements;
      await put('/api/v1/settings/incentives', {signupBonus: Number(e.signupBonus.value || 0),
        checkInBonus: Number(e.checkInBonus.value || 0), inviteeBonus: Number(e.inviteeBonus.value || 0),
        inviterReward: Number(e.inviterReward.value || 0), inviterRewardOn: e.inviterRewardOn.value,
        inviterRewardCap: Number(e.inviterRewardCap.value || 0)});
      note.show(t('common.saved'));
    }),
    onSubmit(h('form', {class: 'card form-grid', id: 'limits-form', 'aria-labelledby': 'limits-title'},
      h('h2', {id: 'limits-title'}, t('settings.limits')),
      number('limit-rpm', 'userRpm', limits.userRpm, t('settings.noLimitHint')),
      number('limit-tpm', 'userTpm', limits.userTpm, t('settings.noLimitHint')),
      h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'limits-submit'}, t('common.save')))),
    note, async f => {
      await put('/api/v1/settings/rate-limits', {userRpm: optional(f.elements.userRpm.value),
        userTpm: optional(f.elements.userTpm.value)});
      note.show(t('common.saved'));
    }), await webhooksCard(note, null));
}

const MAX_LOGO_BYTES = 100 * 1024;

/** The site's name, logo (read from a file into an inline data: URL), notice and footer. */
function siteForm(site, note) {
  let logo = site.logo || '';
  const preview = h('img', {id: 'site-logo-preview', class: 'logo-preview', alt: '', src: logo || null, hidden: !logo});
  const file = h('input', {id: 'site-logo', name: 'logoFile', type: 'file', accept: 'image/png,image/jpeg,image/gif,image/webp'});
  const remove = h('button', {type: 'button', class: 'secondary', id: 'site-logo-remove', onclick: () => {
    logo = '';
    file.value = '';
    preview.hidden = true;
  }}, t('settings.removeLogo'));
  file.addEventListener('change', () => {
    const chosen = file.files[0];
    if (!chosen) return;
    if (chosen.size > MAX_LOGO_BYTES) {
      note.show(t('settings.logoTooLarge'), 'error');
      file.value = '';
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      logo = String(reader.result);
      preview.src = logo;
      preview.hidden = false;
    };
    reader.readAsDataURL(chosen);
  });
  const area = (id, name, value) => h('textarea', {id, name, rows: 3, 'aria-describedby': 'site-plain-hint'}, value);
  return onSubmit(h('form', {class: 'card form-grid', id: 'site-form', 'aria-labelledby': 'site-title'},
    h('h2', {id: 'site-title'}, t('settings.site')),
    field(t('settings.siteName'), h('input', {id: 'site-name', name: 'name', maxlength: '60', value: site.name})),
    h('div', {class: 'field'}, h('label', {for: 'site-logo'}, t('settings.logo')), file,
      h('div', {class: 'input-row'}, preview, remove)),
    h('div', {class: 'field'}, h('label', {for: 'site-notice-text'}, t('settings.notice')), area('site-notice-text', 'notice', site.notice)),
    h('div', {class: 'field'}, h('label', {for: 'site-footer-text'}, t('settings.footer')), area('site-footer-text', 'footer', site.footer)),
    h('small', {class: 'hint wide', id: 'site-plain-hint'}, t('settings.plainText')),
    h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'site-submit'}, t('common.save')))),
  note, async f => {
    await put('/api/v1/settings/site', {name: f.elements.name.value, logo, notice: f.elements.notice.value,
      footer: f.elements.footer.value});
    note.show(t('common.saved'));
    document.dispatchEvent(new CustomEvent('tollgate:site-changed'));
  });
}
