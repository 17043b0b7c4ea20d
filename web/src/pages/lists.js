// List versions and diffs between them.
import {h, clear, value, table, entityLink, message} from '../dom.js';
import {api, qs, ApiError} from '../api.js';

function versionId(v) {
  if (v === null || typeof v !== 'object') return String(v);
  return String(v.version ?? v.id ?? v.version_id ?? '');
}

export async function listsPage(root, route, current) {
  const dataset = route.arg;
  root.append(h('h1', {}, 'Lists'));
  const data = await api('GET', '/lists');
  if (!current()) return;
  const sets = (data && data.datasets) || [];
  root.append(table(['dataset', 'current version', 'entities', 'imported', 'versions'], sets.map((d) => [
    h('a', {href: '#/lists/' + encodeURIComponent(d.name)}, d.name), d.version ?? null, d.entities ?? null,
    d.imported_at ?? null, h('details', {}, h('summary', {}, String((d.versions || []).length)), value(d.versions || []))]),
  {class: 'lists', id: 'lists'}));
  if (!dataset) {
    root.append(h('p', {class: 'muted'}, 'Open a dataset to compare two of its versions.'));
    return;
  }
  const d = sets.find((x) => x.name === dataset);
  const versions = d ? (d.versions || []).map(versionId) : [];
  const pick = (id, sel) => h('select', {id}, h('option', {value: ''}, '(default)'),
    versions.map((v) => h('option', {value: v, selected: v === sel}, v)));
  const from = pick('from', route.params.get('from'));
  const to = pick('to', route.params.get('to'));
  root.append(h('h2', {}, 'Diff of ' + dataset), h('form', {class: 'search', onsubmit: (ev) => {
    ev.preventDefault();
    location.hash = '#/lists/' + encodeURIComponent(dataset) + qs({from: from.value, to: to.value});
  }}, h('label', {}, 'from ', from), h('label', {}, 'to ', to), h('button', {type: 'submit'}, 'Compare')));
  const out = h('div', {id: 'diff'}, message('info', 'Loading…'));
  root.append(out);
  let diff;
  try {
    diff = await api('GET', '/lists/' + encodeURIComponent(dataset) + '/diff' + qs({from: route.params.get('from'), to: route.params.get('to')}));
  } catch (e) {
    // a dataset with one version has nothing to compare: not an error
    if (!(e instanceof ApiError) || e.status !== 404 || !current()) throw e;
    clear(out).append(message('info', e.message.replace(/^GET \S+: 404 /, '')));
    out.setAttribute('data-empty', '1');
    return;
  }
  if (!current()) return;
  clear(out);
  if (diff && diff.from && diff.to) out.append(h('p', {class: 'muted'}, `version ${diff.from} → ${diff.to}`));
  if (diff && diff.truncated) out.append(message('info', 'The server truncated this diff; the counts are complete.'));
  const counts = (diff && diff.counts) || {};
  for (const kind of ['added', 'removed', 'changed']) {
    const rows = (diff && diff[kind]) || [];
    out.append(h('h3', {}, `${kind} (${typeof counts[kind] === 'number' ? counts[kind] : rows.length})`));
    if (!rows.length) continue;
    out.append(table(['entity', 'caption', 'changes'], rows.slice(0, 500).map((r) => {
      const rest = Object.fromEntries(Object.entries(r).filter(([k]) => !['id', 'entity_id', 'caption', 'source_id'].includes(k)));
      return [kind === 'removed' ? (r.id || r.entity_id || '') : entityLink(r.id || r.entity_id || ''), r.caption || '',
        Object.keys(rest).length ? value(rest) : ''];
    }), {class: 'diff-' + kind}));
    if (rows.length > 500) out.append(h('p', {class: 'muted'}, `… and ${rows.length - 500} more`));
  }
}
