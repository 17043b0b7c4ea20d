// An entity: details, properties, sanctions, exposure and its network.
import {h, clear, value, table, entityLink, message, fmtScore} from '../dom.js';
import {api, qs} from '../api.js';
import {drawNetwork} from './graph.js';

export async function entityPage(root, route, current) {
  const id = route.arg;
  if (!id) {
    root.append(message('error', 'No entity id given'));
    return;
  }
  const e = await api('GET', '/entities/' + encodeURIComponent(id));
  if (!current()) return;
  root.append(h('h1', {id: 'caption'}, e.caption || e.id),
    h('p', {class: 'meta'}, h('span', {class: 'schema'}, e.schema || ''), ' ', h('code', {}, e.id),
      e.datasets ? ' · ' + e.datasets.join(', ') : '',
      e.first_seen ? ' · first seen ' + e.first_seen : '', e.last_seen ? ' · last seen ' + e.last_seen : ''));
  const ep = e.properties || {};
  const vkey = (ep.mmsi || [])[0] || (ep.imoNumber || [])[0];
  if (vkey) {
    root.append(h('p', {}, h('a', {href: '#/vessel/' + encodeURIComponent(String(vkey).replace(/^IMO\s*/i, '')), id: 'vessellink'}, 'AIS track and events for this vessel')));
  }
  const props = Object.entries(ep).sort(([a], [b]) => a.localeCompare(b));
  root.append(h('h2', {}, 'Properties'), table(['property', 'values'], props, {class: 'props', id: 'properties'}));

  const adjacent = e.adjacent || [];
  const sanctions = adjacent.filter((a) => a.schema === 'Sanction');
  root.append(h('h2', {}, 'Sanctions and programs'));
  const programs = (e.properties || {}).program || (e.properties || {}).programId;
  if (programs) root.append(h('p', {}, 'Programs: ', value(programs)));
  if (sanctions.length) {
    root.append(table(['authority', 'program', 'since', 'reason', 'details'], sanctions.map((s) => {
      const p = s.properties || {};
      return [p.authority || null, p.program || p.programId || null, p.startDate || p.listingDate || null,
        p.reason || null, h('details', {}, h('summary', {}, s.caption || s.id), value(p))];
    }), {class: 'sanctions'}));
  } else if (!programs) {
    root.append(h('p', {class: 'muted'}, 'No sanction records attached.'));
  }

  root.append(h('h2', {}, 'Exposure'), exposure(e.exposure));

  const others = adjacent.filter((a) => a.schema !== 'Sanction');
  root.append(h('h2', {}, 'Adjacent entities'), others.length
    ? table(['relation', 'direction', 'entity', 'schema'], others.map((a) => [a.relation || '', a.direction || '',
      entityLink(a.id, a.caption || a.id), a.schema || '']), {class: 'adjacent'})
    : h('p', {class: 'muted'}, 'None.'));

  const hopsSel = h('select', {id: 'hops'}, [1, 2, 3].map((n) => h('option', {value: n, selected: String(n) === (route.params.get('hops') || '2')}, `${n} hop${n > 1 ? 's' : ''}`)));
  hopsSel.addEventListener('change', () => { location.hash = '#/entity/' + encodeURIComponent(id) + '?hops=' + hopsSel.value; });
  const netBox = h('div', {id: 'netbox'}, message('info', 'Loading the network…'));
  const docs = h('input', {type: 'checkbox', id: 'showdocs'});
  root.append(h('h2', {}, 'Network ', hopsSel, ' ', h('label', {class: 'small'}, docs, ' sanctions, addresses, documents')), netBox);
  try {
    const net = await api('GET', '/entities/' + encodeURIComponent(id) + '/network' + qs({hops: route.params.get('hops') || 2}));
    if (!current()) return;
    clear(netBox);
    if (!net || !(net.nodes || []).length) netBox.append(h('p', {class: 'muted'}, 'No network around this entity.'));
    else {
      const open = (nid) => { location.hash = '#/entity/' + encodeURIComponent(nid); };
      const draw = () => clear(netBox).append(drawNetwork(net, id, open, docs.checked),
        h('p', {class: 'muted'}, `${net.nodes.length} entities, ${(net.edges || []).length} links within ${hopsSel.value} hops`));
      docs.addEventListener('change', draw);
      draw();
    }
  } catch (err) {
    if (current()) clear(netBox).append(message('error', err.message));
  }
}

// "A <-[directorship]- B -[ownership 60%]-> C": ids become links.
function pathView(path) {
  const parts = Array.isArray(path) ? path : String(path).split(/(\s*<?-\[[^\]]*\]->?\s*)/);
  return h('span', {class: 'path'}, parts.filter((p) => p !== '').map((p) => {
    if (p && typeof p === 'object') return p.id ? entityLink(p.id, p.caption || p.id) : value(p);
    return /^\s*<?-\[/.test(p) ? h('span', {class: 'rel'}, p) : entityLink(p.trim());
  }));
}

const yesno = (v) => (v ? 'yes' : 'no');
const EXPOSURE = [
  ['designated', 'designated', yesno],
  ['programs', 'programs', (v) => (Array.isArray(v) ? v.join('; ') : v)],
  ['blocked_50', 'blocked (OFAC 50%)', yesno],
  ['possibly_blocked_50', 'possibly blocked (50%, bounds)', yesno],
  ['eu_controlled', 'EU/UK owned or controlled', yesno],
  ['hops', 'hops to a designated party', (v) => v],
  ['nearest', 'nearest designated party', (v) => entityLink(v)],
  ['path', 'path', pathView],
  ['risk', 'risk (personalised PageRank)', fmtScore],
];

function exposure(x) {
  if (!x) return h('p', {class: 'muted', id: 'exposure'}, 'No stored exposure (run `interdict net exposure`).');
  const rows = [];
  for (const [k, label, fmt] of EXPOSURE) {
    if (k in x && x[k] !== '' && x[k] !== null) rows.push([label, fmt(x[k])]);
  }
  for (const [k, v] of Object.entries(x)) {
    if (!EXPOSURE.some(([e]) => e === k)) rows.push([k, v]);
  }
  return h('table', {class: 'exposure', id: 'exposure'}, h('tbody', {}, rows.map(([k, v]) =>
    h('tr', {}, h('th', {scope: 'row'}, k), h('td', {}, v instanceof Node ? v : value(v))))));
}
