import {field, h, list, mount} from '../dom.js';
import {dateTime, num, t, units} from '../i18n.js';
import {del, get, patch, post, put, query} from '../api.js';
import {copyOnce, endOfDay, notice, onSubmit, pager, searchBar, statusBadge, table, toggleButton} from '../ui.js';

/**
 * Keys: search and filter the list; create one with a quota, an expiry, models, a group, subnets and RPM/TPM limits (the
 * secret shown once with a copy button); edit one (the same fields and its low-balance reminder: only what changed is
 * sent); rotate, disable, delete.
 */
export async function keysPage(main) {
  const note = notice();
  const secretArea = h('div', {id: 'key-secret'});
  const listArea = h('div', {id: 'key-list'});
  let filter = {};
  const search = searchBar('key-search', note, [{name: 'status', label: t('common.status'),
    options: [['', t('filter.all')], ['enabled', t('common.enabled')], ['disabled', t('common.disabled')]]}],
  async values => {
    filter = values;
    await load();
  });
  main.append(h('h1', {}, t('keys.title')), search, note, secretArea);

  function showSecret(key) {
    mount(secretArea, copyOnce('new-key', t('keys.secretTitle'), t('keys.secretOnce'), t('keys.secretLabel'), key));
    secretArea.querySelector('input').focus();
  }

  async function load(page = 0) {
    const result = await get(`/api/v1/tokens${query({...filter, page, size: 20})}`);
    const act = async (fn) => {
      try {
        await fn();
        await load(page);
      } catch (e) {
        note.error(e);
      }
    };
    mount(listArea, table(t('keys.title'), [
      {label: t('common.name'), cell: k => k.name},
      {label: t('keys.key'), cell: k => h('code', {}, k.maskedKey)},
      {label: t('common.status'), cell: k => statusBadge(k.status)},
      {label: t('keys.remaining'), cell: k => (k.unlimitedQuota ? t('common.unlimited') : units(k.remainingQuota)), class: 'num'},
      {label: t('keys.used'), cell: k => units(k.usedQuota), class: 'num'},
      {label: t('keys.expiresCol'), cell: k => (k.expiresAt ? dateTime(k.expiresAt) : t('common.never'))},
      {label: t('keys.limitsCol'), cell: k => limits(k)},
      {label: t('common.actions'), cell: k => h('div', {class: 'actions'},
        h('button', {type: 'button', class: 'secondary', 'data-action': 'edit', 'data-name': k.name,
          'aria-label': `${t('ch.edit')} ${k.name}`, onclick: () => edit(k).catch(e => note.error(e))}, t('ch.edit')),
        k.status === 'enabled' || k.status === 'disabled' ? toggleButton(k.status, k.name,
          status => act(() => patch(`/api/v1/tokens/${encodeURIComponent(k.id)}`, {status}))) : null,
        k.status === 'enabled' ? h('button', {type: 'button', class: 'secondary', 'data-action': 'rotate',
          'data-name': k.name, 'aria-label': `${t('keys.rotate')} ${k.name}`,
          onclick: () => confirm(t('keys.confirmRotate', {name: k.name})) && act(async () => {
            const rotated = await post(`/api/v1/tokens/${encodeURIComponent(k.id)}/rotate`);
            showSecret(rotated.key);
          })}, t('keys.rotate')) : null,
        h('button', {type: 'button', class: 'danger', 'data-action': 'delete', 'data-name': k.name,
          'aria-label': `${t('common.delete')} ${k.name}`,
          onclick: () => confirm(t('common.confirmDelete', {name: k.name}))
            && act(() => del(`/api/v1/tokens/${encodeURIComponent(k.id)}`))}, t('common.delete')))},
    ], result.items), result.total > result.size ? pager(result.page, result.size, result.total, load) : null);
  }

  let editing = null;
  const title = h('h2', {id: 'key-form-title'}, t('keys.create'));
  const submit = h('button', {type: 'submit', id: 'key-submit'}, t('common.create'));
  const cancel = h('button', {type: 'button', class: 'secondary', id: 'key-cancel', hidden: true,
    onclick: () => stopEditing()}, t('ch.cancel'));
  /** The form's fields as the API takes them (empty fields as null), to send only what an edit changed. */
  function values(f) {
    const number = name => (f.elements[name].value.trim() === '' ? null : Number(f.elements[name].value));
    return {
      name: f.elements.name.value.trim(), unlimitedQuota: unlimited.checked,
      quota: unlimited.checked ? null : number('quota'), expires: f.elements.expiresAt.value || null,
      models: list(f.elements.models.value), group: f.elements.group.value.trim() || null,
      subnets: list(f.elements.subnets.value), rpm: number('rpm'), tpm: number('tpm'),
      balanceThreshold: number('balanceThreshold'),
    };
  }
  async function edit(k) {
    const reminder = await get(`/api/v1/tokens/${encodeURIComponent(k.id)}/notification-settings`);
    const f = form.elements;
    form.reset();
    f.name.value = k.name;
    unlimited.checked = k.unlimitedQuota;
    quota.disabled = k.unlimitedQuota;
    quota.value = k.unlimitedQuota ? '' : k.quota;
    f.expiresAt.value = k.expiresAt ? k.expiresAt.slice(0, 10) : '';
    f.models.value = (k.models || []).join(', ');
    f.group.value = k.group || '';
    f.subnets.value = (k.subnets || []).join(', ');
    f.rpm.value = k.rpm ?? '';
    f.tpm.value = k.tpm ?? '';
    f.balanceThreshold.value = reminder.balanceThreshold ?? '';
    editing = {key: k, before: values(form)};
    title.textContent = t('keys.editing', {name: k.name});
    submit.textContent = t('common.save');
    cancel.hidden = false;
    f.name.focus();
  }
  function stopEditing() {
    editing = null;
    form.reset();
    quota.disabled = false;
    title.textContent = t('keys.create');
    submit.textContent = t('common.create');
    cancel.hidden = true;
  }
  /** PATCH what changed (a cleared expiry or limit as null), then the reminder when it changed. */
  async function save(f) {
    const before = editing.before;
    const now = values(f);
    const changed = name => JSON.stringify(now[name]) !== JSON.stringify(before[name]);
    const body = {};
    for (const name of ['name', 'unlimitedQuota', 'quota', 'models', 'subnets', 'rpm', 'tpm']) {
      if (changed(name) && !(name === 'quota' && now.quota === null)) body[name] = now[name];
    }
    if (changed('group') && now.group) body.group = now.group;
    if (changed('expires')) body.expiresAt = now.expires ? endOfDay(now.expires) : null;
    const id = encodeURIComponent(editing.key.id);
    const saved = Object.keys(body).length ? await patch(`/api/v1/tokens/${id}`, body) : editing.key;
    if (changed('balanceThreshold')) {
      await put(`/api/v1/tokens/${id}/notification-settings`, {balanceThreshold: now.balanceThreshold});
    }
    stopEditing();
    note.show(t('keys.saved', {name: saved.name}));
  }

  const unlimited = h('input', {id: 'key-unlimited', name: 'unlimitedQuota', type: 'checkbox'});
  const quota = h('input', {id: 'key-quota', name: 'quota', type: 'number', min: '0', step: '1', value: '500000'});
  unlimited.addEventListener('change', () => { quota.disabled = unlimited.checked; });
  const form = onSubmit(h('form', {class: 'card form-grid', id: 'key-form', 'aria-labelledby': 'key-form-title'},
    title,
    field(t('common.name'), h('input', {id: 'key-name', name: 'name', required: true})),
    field(t('keys.quota'), quota, t('keys.quotaHint')),
    h('div', {class: 'field check'}, unlimited, h('label', {for: 'key-unlimited'}, t('keys.unlimited'))),
    field(t('keys.expires'), h('input', {id: 'key-expires', name: 'expiresAt', type: 'date'}), t('keys.expiresHint')),
    field(t('keys.models'), h('input', {id: 'key-models', name: 'models'})),
    field(t('keys.group'), h('input', {id: 'key-group', name: 'group', maxlength: '64'}), t('keys.groupHint')),
    field(t('keys.subnets'), h('input', {id: 'key-subnets', name: 'subnets', placeholder: '10.0.0.0/8, 203.0.113.7'}),
      t('keys.subnetsHint')),
    field(t('keys.rpm'), h('input', {id: 'key-rpm', name: 'rpm', type: 'number', min: '1', step: '1'}),
      t('settings.noLimitHint')),
    field(t('keys.tpm'), h('input', {id: 'key-tpm', name: 'tpm', type: 'number', min: '1', step: '1'}),
      t('settings.noLimitHint')),
    field(t('account.balanceThreshold'), h('input', {id: 'key-remind', name: 'balanceThreshold', type: 'number',
      min: '1', step: '1'}), t('keys.remindHint')),
    h('div', {class: 'form-actions'}, submit, cancel)),
  note, async f => {
    if (editing) {
      await save(f);
      await load();
      return;
    }
    const body = {name: f.elements.name.value.trim()};
    if (unlimited.checked) body.unlimitedQuota = true; else body.quota = Number(quota.value);
    const expiresAt = endOfDay(f.elements.expiresAt.value);
    if (expiresAt) body.expiresAt = expiresAt;
    const models = list(f.elements.models.value);
    if (models.length) body.models = models;
    const subnets = list(f.elements.subnets.value);
    if (subnets.length) body.subnets = subnets;
    if (f.elements.group.value.trim()) body.group = f.elements.group.value.trim();
    for (const name of ['rpm', 'tpm']) if (f.elements[name].value) body[name] = Number(f.elements[name].value);
    const created = await post('/api/v1/tokens', body);
    if (f.elements.balanceThreshold.value) {
      await put(`/api/v1/tokens/${encodeURIComponent(created.id)}/notification-settings`,
        {balanceThreshold: Number(f.elements.balanceThreshold.value)});
    }
    f.reset();
    quota.disabled = false;
    showSecret(created.key);
    await load();
  });
  main.append(listArea, form);
  await load();
}

/** A key's restrictions in one line: models, group, subnets, RPM / TPM. */
function limits(k) {
  const parts = [];
  if (k.models && k.models.length) parts.push(k.models.join(', '));
  if (k.group) parts.push(`${t('keys.group')}: ${k.group}`);
  if (k.subnets && k.subnets.length) parts.push(k.subnets.join(', '));
  if (k.rpm) parts.push(`${num(k.rpm)} RPM`);
  if (k.tpm) parts.push(`${num(k.tpm)} TPM`);
  const text = parts.join(' · ') || '—';
  return h('span', {class: 'clip', title: text}, text);
}
