import {field, h} from '../dom.js';
import {t, units} from '../i18n.js';
import {post} from '../api.js';
import {notice, onSubmit} from '../ui.js';

/** Redeem a code into the caller's own wallet: POST /api/v1/redemptions. */
export async function redeemPage(main) {
  const note = notice();
  main.append(h('h1', {}, t('redeem.title')), onSubmit(h('form', {class: 'card form-grid narrow', id: 'redeem-form',
    'aria-labelledby': 'redeem-form-title'},
    h('h2', {id: 'redeem-form-title', class: 'visually-hidden'}, t('redeem.title')),
    field(t('redeem.code'), h('input', {id: 'redeem-code', name: 'code', required: true, autocomplete: 'off', spellcheck: 'false'})),
    h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: 'redeem-submit'}, t('redeem.submit')))),
  note, async f => {
    const wallet = await post('/api/v1/redemptions', {code: f.elements.code.value.trim()});
    f.reset();
    note.show(t('redeem.done', {balance: units(wallet.balance)}));
  }), note);
}
