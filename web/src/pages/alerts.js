// The alert queue: open alerts with decide buttons, and the decided ones.
import {h, clear, value, fmtScore, entityLink, message} from '../dom.js';
import {api, qs} from '../api.js';

export async function alertsPage(root, route, current) {
  const status = ['open', 'decided', 'all'].includes(route.params.get('status')) ? route.params.get('status') : 'open';
  root.append(h('h1', {}, 'Alerts'),
    h('nav', {class: 'tabs'}, ['open', 'decided', 'all'].map((s) =>
      h('a', {href: '#/alerts?status=' + s, class: s === status ? 'active' : '', id: 'tab-' + s}, s))));
  const list = h('div', {id: 'alerts'}, message('info', 'Loading…'));
  root.append(list);
  const PAGE = 50;
  const offset = Math.max(0, parseInt(route.params.get('offset') || '0', 10) || 0);
  const data = await api('GET', '/alerts' + qs({status, limit: PAGE, offset}));
  if (!current()) return;
  clear(list);
  const alerts = (data && data.alerts) || [];
  if (!alerts.length) {
    list.append(h('p', {class: 'muted', id: 'noalerts'}, status === 'open' ? 'No open alerts. Screening hits at or above the threshold appear here.' : 'None.'));
    return;
  }
  const total = typeof data.total === 'number' ? data.total : alerts.length;
  const page = (o) => '#/alerts' + qs({status, offset: o || undefined});
  list.append(h('p', {class: 'summary muted'}, `${offset + 1}–${offset + alerts.length} of ${total} ${status === 'all' ? '' : status} alerts `,
    offset > 0 ? h('a', {href: page(Math.max(0, offset - PAGE))}, '← newer') : null, ' ',
    offset + alerts.length < total ? h('a', {href: page(offset + PAGE)}, 'older →') : null));
  list.append(h('ol', {class: 'alerts'}, alerts.map((a) => alertItem(a, current))));
}

function queryText(q) {
  if (!q) return '';
  const p = q.properties || {};
  return (p.name || []).join(' / ') + (q.schema ? ` (${q.schema})` : '');
}

function decisionView(d) {
  return h('div', {class: 'decision ' + (d.decision || ''), 'data-decision': d.decision || ''},
    h('strong', {}, d.decision === 'true_match' ? 'True match' : d.decision === 'false_positive' ? 'False positive' : String(d.decision || '')),
    d.user ? ' by ' + d.user : '', d.created_at || d.time ? ' at ' + (d.created_at || d.time) : '',
    d.expires ? ' (expires ' + d.expires + ')' : '',
    d.note ? h('p', {class: 'note'}, d.note) : null);
}

function alertItem(a, current) {
  const li = h('li', {class: 'alert', 'data-alert-id': a.alert_id});
  li.append(h('div', {class: 'hit-head'},
    h('span', {class: 'alert-id'}, '#' + a.alert_id),
    entityLink(a.entity_id, a.caption || a.entity_id),
    h('span', {class: 'score'}, fmtScore(a.score)),
    h('span', {class: 'muted'}, a.dataset || '')),
  h('p', {}, 'Query: ', h('q', {}, queryText(a.query)), a.created_at ? ' · ' + a.created_at : '',
    a.list_version ? ' · list version ' + a.list_version : ''),
  a.explanation ? h('p', {class: 'explanation'}, a.explanation) : null);
  if (a.decision) {
    li.append(decisionView(a.decision));
    return li;
  }
  const note = h('input', {type: 'text', class: 'note', placeholder: 'note (why)', 'aria-label': 'note'});
  const expires = h('input', {type: 'date', class: 'expires', 'aria-label': 'expires'});
  const status = h('span', {class: 'status'});
  const decide = async (decision, buttons) => {
    buttons.forEach((b) => { b.disabled = true; });
    status.textContent = 'saving…';
    try {
      const body = {alert_id: a.alert_id, decision, note: note.value};
      if (expires.value) body.expires = expires.value;
      const d = await api('POST', '/decisions', body);
      if (!current()) return;
      form.replaceWith(decisionView(Object.assign({decision}, d && d.decision && typeof d.decision === 'object' ? d.decision : d || {})));
      li.classList.add('decided');
    } catch (e) {
      status.textContent = '';
      status.append(message('error', e.message));
      buttons.forEach((b) => { b.disabled = false; });
    }
  };
  const tm = h('button', {type: 'button', class: 'true-match'}, 'True match');
  const fp = h('button', {type: 'button', class: 'false-positive'}, 'False positive');
  tm.addEventListener('click', () => decide('true_match', [tm, fp]));
  fp.addEventListener('click', () => decide('false_positive', [tm, fp]));
  const form = h('div', {class: 'decide'}, note, h('label', {class: 'muted'}, 'expires ', expires), tm, fp, status);
  li.append(form);
  return li;
}
