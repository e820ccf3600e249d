import {field, h, list, mount} from '../dom.js';
import {num, t} from '../i18n.js';
import {get, patch, post, query} from '../api.js';
import {notice, onSubmit, pager, statusBadge, table, toggleButton} from '../ui.js';

// The provider presets of docs/providers.md; "type" picks the default base URL and the protocol.
const TYPES = ['openai', 'openai-compatible', 'deepseek', 'siliconflow', 'bailian', 'volcengine-ark', 'moonshot',
  'zhipu', 'baidu-qianfan', 'xunfei-spark', 'tencent-hunyuan', 'minimax', 'stepfun', '01ai', '360', 'mistral', 'groq',
  'xai', 'together', 'openrouter', 'ollama', 'azure', 'anthropic', 'gemini', 'vertex', 'aws-bedrock'];

/** Channels: list with status, add one (preset, base URL, keys, models, groups, priority, weight), test, enable. */
export async function channelsPage(main) {
  const note = notice();
  const listArea = h('div', {id: 'channel-list'});
  main.append(h('h1', {}, t('ch.title')), note);

  async function load(page = 0) {
    const result = await get(`/api/v1/channels${query({page, size: 20})}`);
    const test = async c => {
      note.show(`${c.name}: …`, 'ok');
      try {
        const r = await post(`/api/v1/channels/${encodeURIComponent(c.id)}/test`, {});
        note.show(r.success ? t('ch.testOk', {name: c.name, status: r.upstreamStatus, ms: num(r.latencyMillis), model: r.model})
          : t('ch.testFailed', {name: c.name, status: r.upstreamStatus, message: r.message || ''}), r.success ? 'ok' : 'error');
      } catch (e) {
        note.error(e);
      }
    };
    const toggle = async (c, status) => {
      try {
        await patch(`/api/v1/channels/${encodeURIComponent(c.id)}`, {status});
        await load(page);
      } catch (e) {
        note.error(e);
      }
    };
    mount(listArea, table(t('ch.title'), [
      {label: t('common.name'), cell: c => c.name},
      {label: t('ch.typeCol'), cell: c => c.type},
      {label: t('common.models'), cell: c => c.models.join(', ')},
      {label: t('ch.groupsCol'), cell: c => c.groups.join(', ')},
      {label: t('ch.priorityWeight'), cell: c => `${c.priority} / ${c.weight}`, class: 'num'},
      {label: t('common.status'), cell: c => statusBadge(c.status)},
      {label: t('common.actions'), cell: c => h('div', {class: 'actions'},
        h('button', {type: 'button', class: 'secondary', 'data-action': 'test', 'data-name': c.name,
          'aria-label': `${t('ch.test')} ${c.name}`, onclick: () => test(c)}, t('ch.test')),
        h('button', {type: 'button', class: 'secondary', 'data-action': 'edit', 'data-name': c.name,
          'aria-label': `${t('ch.edit')} ${c.name}`, onclick: () => edit(c)}, t('ch.edit')),
        toggleButton(c.status, c.name, status => toggle(c, status)))},
    ], result.items), result.total > result.size ? pager(result.page, result.size, result.total, load) : null);
  }

  let editing = null;
  const title = h('h2', {id: 'channel-form-title'}, t('ch.create'));
  const submit = h('button', {type: 'submit', id: 'ch-submit'}, t('common.create'));
  const cancel = h('button', {type: 'button', class: 'secondary', id: 'ch-cancel', hidden: true,
    onclick: () => stopEditing()}, t('ch.cancel'));
  function edit(c) {
    editing = c;
    const f = form.elements;
    f.name.value = c.name;
    f.type.value = c.type;
    f.type.disabled = true;
    f.baseUrl.value = c.baseUrl || '';
    f.keys.value = '';
    f.keys.required = false;
    f.models.value = c.models.join(', ');
    f.groups.value = c.groups.join(', ');
    f.priority.value = c.priority;
    f.weight.value = c.weight;
    title.textContent = t('ch.editing', {name: c.name});
    submit.textContent = t('common.save');
    cancel.hidden = false;
    keysHint.textContent = t('ch.keysKeep');
    f.name.focus();
  }
  function stopEditing() {
    editing = null;
    form.reset();
    form.elements.type.disabled = false;
    form.elements.keys.required = true;
    title.textContent = t('ch.create');
    submit.textContent = t('common.create');
    cancel.hidden = true;
    keysHint.textContent = '';
  }
  const keysHint = h('small', {class: 'hint', id: 'ch-keys-hint', 'aria-live': 'polite'});
  const input = (id, name, attrs = {}) => h('input', {id, name, ...attrs});
  const form = onSubmit(h('form', {class: 'card form-grid', id: 'channel-form', 'aria-labelledby': 'channel-form-title'},
    title,
    field(t('common.name'), input('ch-name', 'name', {required: true})),
    field(t('ch.type'), h('select', {id: 'ch-type', name: 'type'}, TYPES.map(type => h('option', {value: type}, type)))),
    field(t('ch.baseUrl'), input('ch-base-url', 'baseUrl', {type: 'url', placeholder: 'https://'}), t('ch.baseUrlHint')),
    h('div', {class: 'field'}, h('label', {for: 'ch-keys'}, t('ch.keys')),
      h('textarea', {id: 'ch-keys', name: 'keys', rows: 2, required: true, spellcheck: 'false',
        'aria-describedby': 'ch-keys-hint'}), keysHint),
    field(t('ch.models'), input('ch-models', 'models', {required: true, placeholder: 'deepseek-chat, deepseek-reasoner'})),
    field(t('ch.groups'), input('ch-groups', 'groups', {value: 'default'})),
    field(t('ch.priority'), input('ch-priority', 'priority', {type: 'number', value: '0', step: '1'})),
    field(t('ch.weight'), input('ch-weight', 'weight', {type: 'number', value: '1', min: '0', step: '1'})),
    h('div', {class: 'form-actions'}, submit, cancel)),
  note, async f => {
    const body = {
      name: f.elements.name.value.trim(), models: list(f.elements.models.value), groups: list(f.elements.groups.value),
      priority: Number(f.elements.priority.value || 0), weight: Number(f.elements.weight.value || 1),
    };
    const keys = list(f.elements.keys.value);
    if (keys.length) body.keys = keys;
    if (f.elements.baseUrl.value.trim()) body.baseUrl = f.elements.baseUrl.value.trim();
    if (editing) {
      const saved = await patch(`/api/v1/channels/${encodeURIComponent(editing.id)}`, body);
      stopEditing();
      note.show(t('ch.saved', {name: saved.name}));
    } else {
      body.type = f.elements.type.value;
      const created = await post('/api/v1/channels', body);
      f.reset();
      note.show(t('ch.created', {name: created.name}));
    }
    await load();
  });
  main.append(listArea, form);
  await load();
}
