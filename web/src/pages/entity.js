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
  const props = Object.entries(e.properties || {}).sort(([a], [b]) => a.localeCompare(b));
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
  root.append(h('h2', {}, 'Network ', hopsSel), netBox);
  try {
    const net = await api('GET', '/entities/' + encodeURIComponent(id) + '/network' + qs({hops: route.params.get('hops') || 2}));
    if (!current()) return;
    clear(netBox);
    if (!net || !(net.nodes || []).length) netBox.append(h('p', {class: 'muted'}, 'No network around this entity.'));
    else netBox.append(drawNetwork(net, id, (nid) => { location.hash = '#/entity/' + encodeURIComponent(nid); }));
  } catch (err) {
    if (current()) clear(netBox).append(message('error', err.message));
  }
}

function exposure(x) {
  if (!x) return h('p', {class: 'muted', id: 'exposure'}, 'No stored exposure (run `interdict net exposure`).');
  const rows = [];
  if ('designated' in x) rows.push(['designated', x.designated ? 'yes' : 'no']);
  if ('blocked_50' in x) rows.push(['blocked (OFAC 50%)', x.blocked_50 ? 'yes' : 'no']);
  if ('hops' in x) rows.push(['hops to a designated party', x.hops]);
  if ('risk' in x) rows.push(['risk', fmtScore(x.risk)]);
  if ('path' in x) {
    const path = Array.isArray(x.path) ? x.path : [x.path];
    rows.push(['path', h('span', {class: 'path'}, path.map((p, i) => [i ? ' → ' : '',
      typeof p === 'string' ? entityLink(p) : (p && p.id ? entityLink(p.id, p.caption || p.id) : value(p))]))]);
  }
  for (const [k, v] of Object.entries(x)) {
    if (!['designated', 'blocked_50', 'hops', 'risk', 'path'].includes(k)) rows.push([k, v]);
  }
  return h('table', {class: 'exposure', id: 'exposure'}, h('tbody', {}, rows.map(([k, v]) =>
    h('tr', {}, h('th', {scope: 'row'}, k), h('td', {}, v instanceof Node ? v : value(v))))));
}
