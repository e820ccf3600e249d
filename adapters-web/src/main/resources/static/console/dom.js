// Tiny DOM helpers: every text goes in as a text node (never parsed as HTML), no inline styles (the CSP forbids them).
const SVG_NS = 'http://www.w3.org/2000/svg';

function build(el, attrs, children) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'value' && el instanceof HTMLInputElement) {
      el.defaultValue = value; // what form.reset() goes back to
      el.value = value;
    } else if (name === 'value' && 'value' in el && !(el instanceof SVGElement)) {
      el.value = value;
    } else if (name === 'checked' || name === 'disabled' || name === 'required' || name === 'selected') {
      el[name] = Boolean(value);
      if (value) el.setAttribute(name, '');
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** An HTML element: h('button', {class: 'x', onclick: fn}, 'text', otherNode). */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element, same shape as h(). */
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** Replaces the children of el. */
export function mount(el, ...children) {
  el.replaceChildren();
  build(el, {}, children);
  return el;
}

/** A labelled form field: the label's for= points at the control's id. */
export function field(label, control, hint) {
  const hintId = hint ? control.id + '-hint' : null;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h('div', {class: 'field'},
    h('label', {for: control.id}, label),
    control,
    hint ? h('small', {id: hintId, class: 'hint'}, hint) : null);
}

/** Splits "a, b\nc" into ["a", "b", "c"]. */
export function list(text) {
  return String(text || '').split(/[\n,]/).map(x => x.trim()).filter(Boolean);
}
