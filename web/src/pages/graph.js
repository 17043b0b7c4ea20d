// The network neighbourhood as an SVG force layout (d3-force), computed to
// rest before drawing so the picture is static and cheap.
import {forceSimulation, forceLink, forceManyBody, forceCenter, forceCollide} from 'd3-force';
import {svg, h} from '../dom.js';

const W = 860, H = 520;

// The relation's label, unless it is only the relationship entity's id.
function edgeLabel(l) {
  return l.label && l.label !== l.via ? l.label : l.type || '';
}

// Records that hang off one entity each; drawn only on request.
const DOCS = new Set(['Sanction', 'Address', 'Identification', 'Passport', 'Note']);

function shorten(s, n) {
  s = String(s);
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

export function drawNetwork(net, centerId, onOpen, showDocs = false) {
  const nodes = (net.nodes || []).filter((n) => showDocs || n.id === centerId || !DOCS.has(n.schema)).map((n) => ({...n}));
  const ids = new Set(nodes.map((n) => n.id));
  const links = (net.edges || []).filter((e) => ids.has(e.source) && ids.has(e.target)).map((e) => ({...e}));
  const sim = forceSimulation(nodes)
    .force('link', forceLink(links).id((d) => d.id).distance(90))
    .force('charge', forceManyBody().strength(-260))
    .force('center', forceCenter(W / 2, H / 2))
    .force('collide', forceCollide(22))
    .stop();
  const maxRisk = Math.max(0, ...nodes.map((n) => (typeof n.risk === 'number' ? n.risk : 0)));
  const center = nodes.find((n) => n.id === centerId);
  if (center) { center.fx = W / 2; center.fy = H / 2; }
  for (let i = 0; i < 300; i++) sim.tick();
  const degree = new Map();
  for (const l of links) for (const n of [l.source, l.target]) degree.set(n.id, (degree.get(n.id) || 0) + 1);
  const labelled = (n) => nodes.length <= 25 || n.designated || n.id === centerId || (degree.get(n.id) || 0) > 1;
  // fit to the box
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const n of nodes) { x0 = Math.min(x0, n.x); y0 = Math.min(y0, n.y); x1 = Math.max(x1, n.x); y1 = Math.max(y1, n.y); }
  // margins: labels run to the right of their node
  const pad = 40, padRight = 190, bw = W - pad - padRight, bh = H - 2 * pad;
  const k = nodes.length > 1 ? Math.min(1.5, bw / Math.max(1, x1 - x0), bh / Math.max(1, y1 - y0)) : 1;
  const px = (n) => (nodes.length > 1 ? pad + (n.x - x0) * k + (bw - (x1 - x0) * k) / 2 : W / 2);
  const py = (n) => (nodes.length > 1 ? pad + (n.y - y0) * k + (bh - (y1 - y0) * k) / 2 : H / 2);

  const root = svg('svg', {class: 'graph', id: 'network', viewBox: `0 0 ${W} ${H}`, role: 'img',
    'aria-label': `network of ${nodes.length} entities and ${links.length} links`});
  root.append(svg('defs', {}, svg('marker', {id: 'arrow', viewBox: '0 0 10 10', refX: '20', refY: '5',
    markerWidth: '6', markerHeight: '6', orient: 'auto-start-reverse'}, svg('path', {d: 'M0,0L10,5L0,10z', class: 'arrowhead'}))));
  const gl = svg('g', {class: 'edges'});
  for (const l of links) {
    const line = svg('line', {x1: px(l.source), y1: py(l.source), x2: px(l.target), y2: py(l.target),
      class: 'edge', 'marker-end': 'url(#arrow)'}, svg('title', {}, `${l.source.caption || l.source.id} → ${l.target.caption || l.target.id}: ${edgeLabel(l)}`));
    gl.append(line);
    if (links.length <= 30 && edgeLabel(l)) {
      gl.append(svg('text', {x: (px(l.source) + px(l.target)) / 2, y: (py(l.source) + py(l.target)) / 2, class: 'edge-label'}, edgeLabel(l)));
    }
  }
  const gn = svg('g', {class: 'nodes'});
  for (const n of nodes) {
    const risk = typeof n.risk === 'number' ? n.risk : 0;
    const r = 6 + (maxRisk > 0 ? Math.max(0, risk) / maxRisk : 0) * 10;
    const cls = 'node schema-' + String(n.schema || 'Thing').replace(/[^A-Za-z]/g, '') +
      (n.designated ? ' designated' : '') + (n.id === centerId ? ' center' : '');
    const g = svg('g', {class: cls, transform: `translate(${px(n).toFixed(1)},${py(n).toFixed(1)})`, tabindex: '0',
      'data-id': n.id, onclick: () => onOpen(n.id), onkeydown: (ev) => { if (ev.key === 'Enter') onOpen(n.id); }},
    svg('circle', {r: r.toFixed(1)}),
    labelled(n) ? svg('text', {x: (r + 3).toFixed(1), y: '4', class: 'node-label'}, shorten(n.caption || n.id, 32)) : null,
    svg('title', {}, `${n.caption || n.id} (${n.schema || ''})${n.designated ? ', designated' : ''}, risk ${risk.toFixed(3)}`));
    gn.append(g);
  }
  root.append(gl, gn);
  const legend = h('p', {class: 'legend muted'},
    h('span', {class: 'swatch designated'}), ' designated ',
    h('span', {class: 'swatch'}), ' other ',
    h('span', {class: 'swatch sanction'}), ' sanction record (size: risk) — click a node to open it');
  return h('figure', {class: 'network'}, root, legend);
}
