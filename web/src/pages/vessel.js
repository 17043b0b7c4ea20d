// A vessel: identity history, track and events on the offline map.
import {h, clear, value, table, message} from '../dom.js';
import {api} from '../api.js';
import {drawMap} from './map.js';

function partner(p) {
  if (!p || typeof p !== 'object' || !p.mmsi) return '';
  return h('a', {href: '#/vessel/' + encodeURIComponent(String(p.mmsi))}, `${p.name || 'MMSI ' + p.mmsi} (${p.flag || '?'})`);
}

export async function vesselPage(root, route, current) {
  const key = route.arg;
  const input = h('input', {type: 'search', id: 'vesselkey', placeholder: 'MMSI or IMO', value: key || ''});
  root.append(h('h1', {}, 'Vessel'), h('form', {class: 'search', onsubmit: (ev) => {
    ev.preventDefault();
    if (input.value.trim()) location.hash = '#/vessel/' + encodeURIComponent(input.value.trim());
  }}, input, h('button', {type: 'submit'}, 'Open')));
  if (!key) {
    root.append(h('p', {class: 'muted'}, 'The server answers from the AIS files given to `interdict serve --ais`.'));
    return;
  }
  const v = await api('GET', '/ais/vessels/' + encodeURIComponent(key));
  if (!current()) return;
  const identity = v.identity || [];
  const latest = identity.length ? identity[identity.length - 1] : {};
  root.append(h('h2', {id: 'vesselname'}, v.name || latest.name || `MMSI ${v.mmsi || key}`),
    h('p', {class: 'meta'}, `MMSI ${v.mmsi ?? '—'} · IMO ${v.imo ?? '—'}`,
      v.track_total && v.track_total !== (v.track || []).length ? ` · ${v.track_total} positions (${(v.track || []).length} drawn)` : ''));
  const cols = ['from', 'to', 'name', 'callsign', 'flag', 'shiptype'];
  for (const row of identity) for (const k of Object.keys(row)) if (!cols.includes(k)) cols.push(k);
  root.append(h('h2', {}, 'Identity history'), identity.length
    ? table(cols, identity.map((r) => cols.map((c) => (c in r ? r[c] : null))), {class: 'identity', id: 'identity'})
    : h('p', {class: 'muted'}, 'No identity reports.'));
  const track = v.track || [];
  const events = v.events || [];
  const map = await drawMap(track, events);
  if (!current()) return;
  root.append(h('h2', {}, 'Track and events'), map,
    h('p', {class: 'muted'}, `${track.length} positions, ${events.length} events`));
  if (events.length) {
    root.append(table(['type', 'start', 'end', 'hours', 'where', 'with', 'why', 'details'], events.map((e) => [e.type || '',
      e.start || e.time || null, e.end || null, e.hours ?? null,
      [e.place || '', Number.isFinite(e.lat) ? ` (${e.lat.toFixed(3)}, ${e.lon.toFixed(3)})` : ''].join(''),
      partner(e.partner), e.why || null,
      h('details', {}, h('summary', {}, 'all fields'), value(e))]), {class: 'events', id: 'events'}));
  }
}
