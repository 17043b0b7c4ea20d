// An offline map: Natural Earth land (world-atlas land-50m, copied into dist
// and fetched from the same server, only when a map is drawn) rendered with
// d3-geo, the vessel's track and its events on top.
import {geoMercator, geoPath, geoGraticule10} from 'd3-geo';
import {feature} from 'topojson-client';
import {svg, h} from '../dom.js';

const W = 860, H = 480;
let landGeo = null;

async function land() {
  if (!landGeo) {
    const res = await fetch('land-50m.json');
    if (!res.ok) throw new Error('basemap land-50m.json: ' + res.status);
    const topo = await res.json();
    landGeo = feature(topo, topo.objects.land);
  }
  return landGeo;
}

// track: [[t, lat, lon, sog], ...]; events: [{type, lat, lon, start|time ...}]
export async function drawMap(track, events) {
  const landShape = await land();
  const coords = track.filter((p) => Number.isFinite(p[1]) && Number.isFinite(p[2])).map((p) => [p[2], p[1]]);
  const evPts = events.filter((e) => Number.isFinite(e.lat) && Number.isFinite(e.lon));
  const all = coords.concat(evPts.map((e) => [e.lon, e.lat]));
  const proj = geoMercator();
  if (all.length) {
    const span = {type: 'MultiPoint', coordinates: all};
    proj.fitExtent([[40, 40], [W - 40, H - 40]], span);
    // keep at least ~16 degrees of longitude in view around a short track
    if (proj.scale() > 3000) {
      const c = proj.invert([W / 2, H / 2]);
      proj.scale(3000).center(c).translate([W / 2, H / 2]);
    }
  } else {
    proj.fitSize([W, H], {type: 'Sphere'});
  }
  proj.clipExtent([[0, 0], [W, H]]);
  const path = geoPath(proj);
  const root = svg('svg', {class: 'map', id: 'map', viewBox: `0 0 ${W} ${H}`, role: 'img',
    'aria-label': `map with ${coords.length} track points and ${evPts.length} events`});
  root.append(svg('rect', {x: 0, y: 0, width: W, height: H, class: 'sea'}));
  root.append(svg('path', {d: path(geoGraticule10()) || '', class: 'graticule'}));
  root.append(svg('path', {d: path(landShape) || '', class: 'land'}));
  if (coords.length > 1) {
    root.append(svg('path', {d: path({type: 'LineString', coordinates: coords}) || '', class: 'track'}));
  }
  if (coords.length) {
    const [x, y] = proj(coords[coords.length - 1]);
    root.append(svg('circle', {cx: x.toFixed(1), cy: y.toFixed(1), r: 4, class: 'last-pos'}, svg('title', {}, 'last position')));
  }
  // a dark period: where the vessel went silent and where it reappeared
  for (const e of evPts) {
    if (Number.isFinite(e.lat_end) && Number.isFinite(e.lon_end)) {
      root.append(svg('path', {d: path({type: 'LineString', coordinates: [[e.lon, e.lat], [e.lon_end, e.lat_end]]}) || '', class: 'gap'}));
    }
  }
  for (const e of evPts) {
    const [x, y] = proj([e.lon, e.lat]);
    root.append(svg('g', {class: 'event ev-' + String(e.type || 'event').replace(/[^a-z0-9_-]/gi, '')},
      svg('circle', {cx: x.toFixed(1), cy: y.toFixed(1), r: 6}),
      svg('text', {x: (x + 8).toFixed(1), y: (y + 4).toFixed(1), class: 'event-label'}, e.type || 'event'),
      svg('title', {}, `${e.type || 'event'} ${e.start || e.time || ''}${e.end ? ' – ' + e.end : ''}`)));
  }
  return h('figure', {class: 'mapfig'}, root,
    h('figcaption', {class: 'muted'}, 'Basemap: Natural Earth 1:50m land (world-atlas), bundled offline.'));
}
