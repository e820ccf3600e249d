// Shared pieces of the pages: tables, pagers, notices, the copy-once box, forms that report their errors.
import {h} from './dom.js';
import {t} from './i18n.js';

/** A table with a caption; columns: [{label, cell: row -> node|text, class?}]. */
export function table(caption, columns, rows) {
  if (!rows.length) return h('p', {class: 'empty'}, t('common.none'));
  // a wide table scrolls sideways: its frame takes the keyboard focus so that it can be scrolled without a mouse
  return h('div', {class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption}, h('table', {},
    h('caption', {class: 'visually-hidden'}, caption),
    h('thead', {}, h('tr', {}, columns.map(c => h('th', {scope: 'col', class: c.class}, c.label)))),
    h('tbody', {}, rows.map(row => h('tr', {}, columns.map(c => h('td', {class: c.class}, c.cell(row))))))));
}

/** Previous / next for a page+size+total answer; onPage(page) loads another page. */
export function pager(page, size, total, onPage) {
  const pages = Math.max(1, Math.ceil(total / size));
  return h('nav', {class: 'pager', 'aria-label': t('common.page', {page: page + 1, pages})},
    h('button', {type: 'button', disabled: page <= 0, onclick: () => onPage(page - 1)}, t('common.prev')),
    h('span', {}, t('common.page', {page: page + 1, pages})),
    h('button', {type: 'button', disabled: page + 1 >= pages, onclick: () => onPage(page + 1)}, t('common.next')));
}

/** A live region for results and errors of a page. */
export function notice() {
  const el = h('div', {class: 'notice', role: 'status', 'aria-live': 'polite'});
  el.show = (text, kind = 'ok') => {
    el.className = `notice ${kind}`;
    el.textContent = text;
  };
  el.error = e => el.show(t('common.error', {message: e.message}), 'error');
  return el;
}

/** A secret shown once, read-only, with a copy button. */
export function copyOnce(id, title, warning, label, value, multiline) {
  const control = multiline
    ? h('textarea', {id, readonly: true, rows: Math.min(10, value.split('\n').length + 1)}, value)
    : h('input', {id, type: 'text', readonly: true, value, spellcheck: 'false'});
  const status = h('span', {class: 'copied', role: 'status', 'aria-live': 'polite'});
  const copy = async () => {
    control.select();
    try {
      await navigator.clipboard.writeText(value);
    } catch (e) {
      document.execCommand('copy');
    }
    status.textContent = t('common.copied');
  };
  return h('section', {class: 'secret', 'aria-labelledby': `${id}-title`},
    h('h3', {id: `${id}-title`}, title),
    h('p', {}, warning),
    h('label', {for: id}, label),
    h('div', {class: 'copy-row'}, control, h('button', {type: 'button', id: `${id}-copy`, onclick: copy}, t('common.copy')),
      status));
}

/** Runs submit(form) on submit, with the submit button disabled while it runs; errors go to the notice. */
export function onSubmit(form, note, submit) {
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const button = form.querySelector('[type=submit]');
    if (button) button.disabled = true;
    try {
      await submit(form);
    } catch (e) {
      note.error(e);
      if (e.field) {
        const control = form.querySelector(`[name="${CSS.escape(e.field)}"]`);
        if (control) control.focus();
      }
    } finally {
      if (button) button.disabled = false;
    }
  });
  return form;
}

/** Enable / Disable for a row whose status is "enabled" or "disabled"; onToggle(nextStatus). */
export function toggleButton(status, name, onToggle) {
  const next = status === 'enabled' ? 'disabled' : 'enabled';
  const label = status === 'enabled' ? t('common.disable') : t('common.enable');
  return h('button', {type: 'button', class: 'secondary', 'data-action': 'toggle', 'data-name': name,
    'aria-label': `${label} ${name}`, onclick: () => onToggle(next)}, label);
}

export function statusBadge(status) {
  const enabled = status === 'enabled' || status === 'active';
  return h('span', {class: `badge ${enabled ? 'on' : 'off'}`}, status === 'enabled' ? t('common.enabled') : t(`common.${status}`));
}

/** An ISO instant for the end of a yyyy-mm-dd date input in the browser's time zone, or undefined when empty. */
export function endOfDay(value) {
  if (!value) return undefined;
  const [y, m, d] = value.split('-').map(Number);
  return new Date(y, m - 1, d, 23, 59, 59).toISOString();
}

/**
 * A search bar over a list: a text field (q) and selects; onApply(values) runs on submit with the non-empty values.
 * selects: [{name, label, options: [[value, text]]}] — the first option of each should be ['', t('filter.all')].
 */
export function searchBar(id, note, selects, onApply) {
  const control = (name, node) => h('div', {class: 'field'}, h('label', {for: `${id}-${name}`}, node.label), node.el);
  const q = {label: t('filter.search'), el: h('input', {id: `${id}-q`, name: 'q', type: 'search', maxlength: '100'})};
  const form = h('form', {class: 'card filters', id, role: 'search', 'aria-label': t('filter.search')},
    control('q', q),
    selects.map(s => control(s.name, {label: s.label, el: h('select', {id: `${id}-${s.name}`, name: s.name},
      s.options.map(([value, text]) => h('option', {value}, text)))})),
    h('div', {class: 'form-actions'}, h('button', {type: 'submit', id: `${id}-apply`, class: 'secondary'},
      t('filter.apply'))));
  return onSubmit(form, note, async f => {
    const values = {};
    for (const el of f.elements) if (el.name && el.value.trim()) values[el.name] = el.value.trim();
    await onApply(values);
  });
}
