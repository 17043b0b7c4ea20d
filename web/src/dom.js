// DOM building without HTML parsing: every piece of list data goes into the
// page as a text node or an attribute value, never through innerHTML.
const SVGNS = 'http://www.w3.org/2000/svg';

function attach(el, attrs, kids) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2), v);
    } else if (k.startsWith('on')) {
      throw new Error('refusing non-function handler attribute ' + k);
    } else if (k === 'href' && !String(v).startsWith('#')) {
      throw new Error('only in-app links are built');
    } else {
      el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const c of kids.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// h('a', {href: '#/x', class: 'k'}, 'text', child...)
export function h(tag, attrs, ...kids) {
  return attach(document.createElement(tag), attrs, kids);
}

export function svg(tag, attrs, ...kids) {
  return attach(document.createElementNS(SVGNS, tag), attrs, kids);
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function fmtScore(x) {
  return typeof x === 'number' ? x.toFixed(3) : String(x ?? '');
}

// Any JSON value as DOM: scalars as text, arrays as lists, objects as <dl>.
export function value(v, depth = 0) {
  if (v === null || v === undefined) return h('span', {class: 'muted'}, '—');
  if (Array.isArray(v)) {
    if (v.every((x) => x === null || typeof x !== 'object')) return h('span', {}, v.map(String).join('; '));
    return h('ol', {class: 'vals'}, v.map((x) => h('li', {}, value(x, depth + 1))));
  }
  if (typeof v === 'object') {
    if (depth > 4) return h('code', {}, JSON.stringify(v));
    return h('dl', {class: 'kv'}, Object.entries(v).map(([k, x]) => [h('dt', {}, k), h('dd', {}, value(x, depth + 1))]));
  }
  return h('span', {}, String(v));
}

export function table(headers, rows, attrs = {}) {
  return h('table', attrs,
    h('thead', {}, h('tr', {}, headers.map((x) => h('th', {}, x)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c instanceof Node ? c : value(c)))))));
}

export function entityLink(id, text) {
  return h('a', {href: '#/entity/' + encodeURIComponent(id), class: 'entity-link'}, text || id);
}

export function message(kind, text) {
  return h('p', {class: 'msg ' + kind, role: kind === 'error' ? 'alert' : 'status'}, text);
}
