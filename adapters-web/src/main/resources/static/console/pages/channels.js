import {field, h, list, mount} from '../dom.js';
import {num, t} from '../i18n.js';
import {get, patch, post, query} from '../api.js';
import {notice, onSubmit, pager, searchBar, statusBadge, table, toggleButton} from '../ui.js';

// The provider presets of docs/providers.md; "type" picks the default base URL and the protocol.
const TYPES = ['openai', 'openai-compatible', 'deepseek', 'siliconflow', 'bailian', 'volcengine-ark', 'moonshot',
  'zhipu', 'baidu-qianfan', 'xunfei-spark', 'tencent-hunyuan', 'minimax', 'stepfun', '01ai', '360', 'mistral', 'groq',
  'xai', 'together', 'openrouter', 'ollama', 'azure', 'anthropic', 'gemini', 'vertex', 'aws-bedrock'];
const STATUSES = ['enabled', 'disabled', 'auto_disabled'];
// The channel options with a field of their own (docs/providers.md, "Channel options"); durations in seconds.
const TIMEOUTS = ['connectTimeout', 'firstByteTimeout', 'idleTimeout', 'totalTimeout'];
const HEADER = 'header.';

/** "a=b" lines into {a: "b"}; sep is "=" for mappings and options, ":" for headers. */
function pairs(text, sep) {
  const map = {};
  for (const line of String(text || '').split('\n').map(l => l.trim()).filter(Boolean)) {
    const at = line.indexOf(sep);
    if (at <= 0) throw new Error(t('ch.pairError', {line}));
    map[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return map;
}

const lines = (map, sep) => Object.entries(map || {}).map(([k, v]) => `${k}${sep}${v}`).join('\n');

/** "PT20S" → "20"; anything else (minutes, fractions) as written. */
function seconds(duration) {
  const m = /^PT(\d+)S$/.exec(duration || '');
  return m ? m[1] : (duration || '');
}

/**
 * Channels: search and filter the list, test one or all of them, add or edit one (preset, base URL, several keys,
 * models filled from the upstream's own list, model mapping, groups, priority, weight, concurrency, time-outs,
 * headers and other options), enable and disable.
 */
export async function channelsPage(main) {
  const note = notice();
  const listArea = h('div', {id: 'channel-list'});
  const testsArea = h('div', {id: 'channel-tests'});
  let filter = {};
  const search = searchBar('channel-search', note, [
    {name: 'type', label: t('ch.typeCol'), options: [['', t('filter.all')], ...TYPES.map(x => [x, x])]},
    {name: 'status', label: t('common.status'), options: [['', t('filter.all')],
      ...STATUSES.map(s => [s, t(`common.${s}`)])]},
  ], async values => {
    filter = values;
    await load();
  });
  const testAll = h('button', {type: 'button', id: 'ch-test-all', class: 'secondary', onclick: () => runAll()},
    t('ch.testAll'));
  main.append(h('h1', {}, t('ch.title')), search, note, h('div', {class: 'toolbar'}, testAll), testsArea);

  async function runAll() {
    testAll.disabled = true;
    note.show(t('ch.testingAll'), 'ok');
    try {
      const r = await post(`/api/v1/channels/tests${query(filter)}`);
      note.show(t('ch.testAllDone', {succeeded: num(r.succeeded), tested: num(r.tested)}),
        r.succeeded === r.tested ? 'ok' : 'error');
      mount(testsArea, h('h2', {}, t('ch.testResults')), table(t('ch.testResults'), [
        {label: t('common.name'), cell: x => x.name},
        {label: t('ch.typeCol'), cell: x => x.type},
        {label: t('ch.result'), cell: x => h('span', {class: `badge ${x.result.success ? 'on' : 'off'}`},
          x.result.success ? t('ch.ok') : t('ch.failed'))},
        {label: t('ch.upstreamStatus'), cell: x => String(x.result.upstreamStatus || '—'), class: 'num'},
        {label: t('usage.latency'), cell: x => `${num(x.result.latencyMillis)} ms`, class: 'num'},
        {label: t('ch.message'), cell: x => h('span', {class: 'clip', title: x.result.message || ''}, x.result.message || '')},
      ], r.results), r.remaining ? h('p', {class: 'muted'}, t('ch.testRemaining', {n: num(r.remaining)})) : null);
    } catch (e) {
      note.error(e);
    } finally {
      testAll.disabled = false;
    }
  }

  async function load(page = 0) {
    const result = await get(`/api/v1/channels${query({...filter, page, size: 20})}`);
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
      {label: t('common.models'), cell: c => h('span', {class: 'clip', title: c.models.join(', ')}, c.models.join(', '))},
      {label: t('ch.groupsCol'), cell: c => c.groups.join(', ')},
      {label: t('ch.priorityWeight'), cell: c => `${c.priority} / ${c.weight}`, class: 'num'},
      {label: t('ch.keysCol'), cell: c => num(c.keys.length), class: 'num'},
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
  const fetchModels = h('button', {type: 'button', class: 'secondary', id: 'ch-fetch-models', disabled: true,
    'aria-describedby': 'ch-fetch-hint', onclick: () => fetchUpstreamModels()}, t('ch.fetchModels'));
  const fetchHint = h('small', {class: 'hint', id: 'ch-fetch-hint', 'aria-live': 'polite'}, t('ch.fetchHint'));
  async function fetchUpstreamModels() {
    fetchModels.disabled = true;
    try {
      const r = await get(`/api/v1/channels/${encodeURIComponent(editing.id)}/upstream-models`);
      if (r.error || !r.supported) {
        fetchHint.textContent = r.error || t('ch.fetchUnsupported');
      } else {
        form.elements.models.value = r.models.join(', ');
        fetchHint.textContent = t('ch.fetched', {n: num(r.models.length)});
      }
    } catch (e) {
      note.error(e);
    } finally {
      fetchModels.disabled = !editing;
    }
  }
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
    f.modelMapping.value = lines(c.modelMapping, '=');
    f.groups.value = c.groups.join(', ');
    f.priority.value = c.priority;
    f.weight.value = c.weight;
    f.maxConcurrency.value = c.maxConcurrency ?? '';
    const options = {...(c.options || {})};
    for (const name of TIMEOUTS) {
      f[name].value = seconds(options[name]);
      delete options[name];
    }
    const headers = {};
    for (const name of Object.keys(options).filter(k => k.startsWith(HEADER))) {
      headers[name.slice(HEADER.length)] = options[name];
      delete options[name];
    }
    f.headers.value = lines(headers, ': ');
    f.options.value = lines(options, '=');
    title.textContent = t('ch.editing', {name: c.name});
    submit.textContent = t('common.save');
    cancel.hidden = false;
    fetchModels.disabled = false;
    fetchHint.textContent = '';
    keysHint.textContent = t('ch.keysKeep', {n: c.keys.length});
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
    fetchModels.disabled = true;
    fetchHint.textContent = t('ch.fetchHint');
    keysHint.textContent = '';
  }
  /** The options map from the time-out fields, the header lines and the other option lines. */
  function options(f) {
    const map = pairs(f.elements.options.value, '=');
    for (const name of TIMEOUTS) {
      const value = f.elements[name].value.trim();
      if (value) map[name] = /^\d+$/.test(value) ? `PT${value}S` : value;
    }
    for (const [name, value] of Object.entries(pairs(f.elements.headers.value, ':'))) map[HEADER + name] = value;
    return map;
  }
  const keysHint = h('small', {class: 'hint', id: 'ch-keys-hint', 'aria-live': 'polite'});
  const input = (id, name, attrs = {}) => h('input', {id, name, ...attrs});
  const area = (id, name, rows, attrs = {}) => h('textarea', {id, name, rows, spellcheck: 'false', ...attrs});
  const form = onSubmit(h('form', {class: 'card form-grid', id: 'channel-form', 'aria-labelledby': 'channel-form-title'},
    title,
    field(t('common.name'), input('ch-name', 'name', {required: true, maxlength: '100'})),
    field(t('ch.type'), h('select', {id: 'ch-type', name: 'type'}, TYPES.map(type => h('option', {value: type}, type)))),
    field(t('ch.baseUrl'), input('ch-base-url', 'baseUrl', {type: 'url', placeholder: 'https://'}), t('ch.baseUrlHint')),
    h('div', {class: 'field'}, h('label', {for: 'ch-keys'}, t('ch.keys')),
      area('ch-keys', 'keys', 3, {required: true, 'aria-describedby': 'ch-keys-hint'}), keysHint),
    h('div', {class: 'field wide'}, h('label', {for: 'ch-models'}, t('ch.models')),
      h('div', {class: 'input-row'}, input('ch-models', 'models', {required: true,
        placeholder: 'deepseek-chat, deepseek-reasoner'}), fetchModels), fetchHint),
    field(t('ch.modelMapping'), area('ch-model-mapping', 'modelMapping', 2, {placeholder: 'gpt-4o=deepseek-chat'}),
      t('ch.modelMappingHint')),
    field(t('ch.groups'), input('ch-groups', 'groups', {value: 'default'})),
    field(t('ch.priority'), input('ch-priority', 'priority', {type: 'number', value: '0', step: '1'}), t('ch.priorityHint')),
    field(t('ch.weight'), input('ch-weight', 'weight', {type: 'number', value: '1', min: '0', step: '1'}), t('ch.weightHint')),
    field(t('ch.maxConcurrency'), input('ch-max-concurrency', 'maxConcurrency', {type: 'number', min: '1', step: '1'}),
      t('ch.maxConcurrencyHint')),
    h('fieldset', {class: 'wide'}, h('legend', {}, t('ch.timeouts')), h('div', {class: 'form-grid inner'},
      TIMEOUTS.map(name => field(t(`ch.${name}`), input(`ch-${name}`, name, {inputmode: 'numeric',
        pattern: '\\d+|PT.+', placeholder: t('ch.defaultPlaceholder')})))),
      h('small', {class: 'hint'}, t('ch.timeoutsHint'))),
    field(t('ch.headers'), area('ch-headers', 'headers', 2, {placeholder: 'HTTP-Referer: https://chat.example'}),
      t('ch.headersHint')),
    field(t('ch.options'), area('ch-options', 'options', 2, {placeholder: 'apiVersion=2024-10-21'}), t('ch.optionsHint')),
    h('div', {class: 'form-actions'}, submit, cancel)),
  note, async f => {
    const concurrency = f.elements.maxConcurrency.value.trim();
    const body = {
      name: f.elements.name.value.trim(), models: list(f.elements.models.value), groups: list(f.elements.groups.value),
      priority: Number(f.elements.priority.value || 0), weight: Number(f.elements.weight.value || 1),
      modelMapping: pairs(f.elements.modelMapping.value, '='), options: options(f),
      maxConcurrency: concurrency ? Number(concurrency) : null,
    };
    const keys = f.elements.keys.value.split('\n').map(k => k.trim()).filter(Boolean);
    if (keys.length) body.keys = keys;
    if (f.elements.baseUrl.value.trim()) body.baseUrl = f.elements.baseUrl.value.trim();
    if (editing) {
      const saved = await patch(`/api/v1/channels/${encodeURIComponent(editing.id)}`, body);
      stopEditing();
      note.show(t('ch.saved', {name: saved.name}));
    } else {
      body.type = f.elements.type.value;
      if (body.maxConcurrency === null) delete body.maxConcurrency;
      const created = await post('/api/v1/channels', body);
      f.reset();
      note.show(t('ch.created', {name: created.name}));
    }
    await load();
  });
  main.append(listArea, form);
  await load();
}
