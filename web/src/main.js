// Hash router and the API key prompt.
import {h, clear, message} from './dom.js';
import {getKey, setKey} from './api.js';
import {searchPage} from './pages/search.js';
import {entityPage} from './pages/entity.js';
import {vesselPage} from './pages/vessel.js';
import {alertsPage} from './pages/alerts.js';
import {listsPage} from './pages/lists.js';

const routes = {
  search: searchPage,
  entity: entityPage,
  vessel: vesselPage,
  alerts: alertsPage,
  lists: listsPage,
};

// "#/entity/ofac-123?x=1" -> {name: 'entity', arg: 'ofac-123', params}
export function parseHash(hash) {
  const raw = (hash || '').replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  const slash = path.indexOf('/');
  const name = slash < 0 ? path : path.slice(0, slash);
  let arg = slash < 0 ? '' : path.slice(slash + 1);
  try { arg = decodeURIComponent(arg); } catch { /* keep raw */ }
  return {name: name || 'search', arg, params};
}

let generation = 0;

async function render() {
  const main = document.getElementById('main');
  const route = parseHash(location.hash);
  const page = routes[route.name];
  const gen = ++generation;
  for (const a of document.querySelectorAll('[data-nav]')) {
    a.classList.toggle('active', a.dataset.nav === route.name);
  }
  clear(main);
  if (!page) {
    main.append(message('error', 'No such page: ' + route.name));
    return;
  }
  const root = h('section', {class: 'page page-' + route.name});
  main.append(root);
  try {
    // A page checks stillCurrent() before drawing late answers.
    await page(root, route, () => gen === generation);
  } catch (e) {
    if (gen === generation) root.append(message('error', e.message || String(e)));
  }
}

function keyArea() {
  const area = clear(document.getElementById('keyarea'));
  const has = !!getKey();
  const label = h('span', {class: 'muted', id: 'keystate'}, has ? 'API key set' : 'no API key');
  const input = h('input', {type: 'password', id: 'apikey', placeholder: 'API key', autocomplete: 'off', hidden: true});
  const save = h('button', {type: 'submit', hidden: true}, 'Save');
  const toggle = h('button', {type: 'button', id: 'keybtn', onclick: () => {
    input.hidden = !input.hidden;
    save.hidden = input.hidden;
    if (!input.hidden) input.focus();
  }}, has ? 'Change key' : 'Set API key');
  const forget = h('button', {type: 'button', hidden: !has, onclick: () => { setKey(''); keyArea(); }}, 'Forget');
  const form = h('form', {class: 'keyform', onsubmit: (ev) => {
    ev.preventDefault();
    setKey(input.value.trim());
    keyArea();
  }}, label, toggle, input, save, forget);
  area.append(form);
}

// Kept for the end-to-end tests: anything the CSP blocked.
window.idtCspViolations = [];
document.addEventListener('securitypolicyviolation', (ev) => {
  window.idtCspViolations.push(`${ev.violatedDirective} ${ev.blockedURI}`);
});

window.addEventListener('hashchange', render);
window.addEventListener('DOMContentLoaded', () => {
  keyArea();
  render();
});
