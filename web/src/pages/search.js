// Screen a name: POST /match/default with one query.
import {h, clear, value, fmtScore, entityLink, message} from '../dom.js';
import {api, qs} from '../api.js';

const SCHEMAS = ['LegalEntity', 'Person', 'Organization', 'Company', 'Vessel', 'Airplane', 'CryptoWallet'];

function field(label, input) {
  return h('label', {class: 'field'}, h('span', {}, label), input);
}

export async function searchPage(root, route, current) {
  const p = route.params;
  const name = h('input', {type: 'search', id: 'q', name: 'q', required: true, placeholder: 'name, alias, IMO ...', value: p.get('q') || ''});
  const schema = h('select', {id: 'schema', name: 'schema'},
    SCHEMAS.map((s) => h('option', {value: s, selected: s === (p.get('schema') || 'LegalEntity')}, s)));
  const birth = h('input', {type: 'text', id: 'birthDate', placeholder: 'YYYY-MM-DD', value: p.get('birthDate') || ''});
  const country = h('input', {type: 'text', id: 'country', placeholder: 'kp, ru ...', value: p.get('country') || ''});
  const threshold = h('input', {type: 'number', id: 'threshold', min: '0', max: '1', step: '0.05', value: p.get('threshold') || '0.7'});
  const form = h('form', {class: 'search', id: 'searchform', onsubmit: (ev) => {
    ev.preventDefault();
    location.hash = '#/search' + qs({q: name.value.trim(), schema: schema.value,
      birthDate: birth.value.trim(), country: country.value.trim(), threshold: threshold.value});
  }},
  field('Name', name), field('Schema', schema), field('Birth date', birth), field('Country', country),
  field('Threshold', threshold), h('button', {type: 'submit', id: 'go'}, 'Screen'));
  const out = h('div', {id: 'results'});
  root.append(h('h1', {}, 'Screen a name'), form, out);
  name.focus();
  const q = (p.get('q') || '').trim();
  if (!q) return;
  const props = {name: [q]};
  if (p.get('birthDate')) props.birthDate = [p.get('birthDate')];
  if (p.get('country')) props.country = [p.get('country')];
  const body = {queries: {q: {schema: p.get('schema') || 'LegalEntity', properties: props}}};
  out.append(message('info', 'Screening…'));
  const data = await api('POST', '/match/default' + qs({threshold: p.get('threshold') || undefined, limit: 10}), body);
  if (!current()) return;
  clear(out);
  const r = data && data.responses && data.responses.q;
  if (!r) throw new Error('the answer has no response for the query');
  const hits = r.results || [];
  out.append(h('p', {class: 'summary'}, `${hits.length} of ${r.total ? r.total.value : hits.length} hits for “${q}”`,
    engineText(data.engine)));
  // yente's "matcher": {feature: {description, coefficient}} explains the features
  const about = data.matcher && typeof data.matcher === 'object' ? data.matcher : {};
  out.append(h('ol', {class: 'hits'}, hits.map((x) => hit(x, about))));
}

function engineText(e) {
  if (!e) return '';
  if (typeof e !== 'object') return ` (${e})`;
  return ` (${[e.name, e.version].filter((v) => typeof v === 'string' || typeof v === 'number').join(' ')})`;
}

function featureDoc(about, k) {
  const d = about[k];
  return d && typeof d === 'object' && typeof d.description === 'string' ? d.description : undefined;
}

function hit(x, about) {
  const feats = Object.entries(x.features || {});
  return h('li', {class: 'hit' + (x.match ? ' is-match' : '')},
    h('div', {class: 'hit-head'},
      entityLink(x.id, x.caption || x.id),
      h('span', {class: 'schema'}, x.schema || ''),
      h('span', {class: 'score', title: 'score'}, fmtScore(x.score)),
      h('span', {class: 'badge ' + (x.match ? 'yes' : 'no')}, x.match ? 'match' : 'no match'),
      x.decision ? h('span', {class: 'badge decided'}, 'decided: ' + (x.decision.decision || '')) : null,
      x.alert_id ? h('a', {href: '#/alerts?status=all', class: 'alert-ref'}, 'alert #' + x.alert_id) : null),
    h('p', {class: 'datasets muted'}, (x.datasets || []).join(', ')),
    x.explanation ? h('p', {class: 'explanation'}, x.explanation) : null,
    feats.length ? h('table', {class: 'features'},
      h('thead', {}, h('tr', {}, h('th', {}, 'feature'), h('th', {}, 'contribution'))),
      h('tbody', {}, feats.map(([k, v]) => h('tr', {}, h('td', {title: featureDoc(about, k)}, k), h('td', {class: 'num'}, fmtScore(v)))))) : null,
    x.evidence && Object.keys(x.evidence).length ? h('details', {class: 'evidence'}, h('summary', {}, 'evidence'), value(x.evidence)) : null,
    x.exposure ? h('details', {class: 'exposure'}, h('summary', {}, 'exposure'), value(x.exposure)) : null);
}
