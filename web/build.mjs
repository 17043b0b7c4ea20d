// Build web/dist: one minified ES module bundle (app.js, with d3-force, d3-geo
// and topojson-client inside), style.css, index.html and the Natural Earth
// land-50m basemap (world-atlas) that the vessel map fetches from the server.
import {build} from 'esbuild';
import {copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';

const dist = new URL('./dist/', import.meta.url).pathname;
rmSync(dist, {recursive: true, force: true});
mkdirSync(dist, {recursive: true});
await build({
  entryPoints: ['src/main.js'],
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020'],
  outfile: dist + 'app.js',
  legalComments: 'none',
  logLevel: 'info',
});
await build({entryPoints: ['src/style.css'], bundle: true, minify: true, outfile: dist + 'style.css', logLevel: 'info'});
copyFileSync('src/index.html', dist + 'index.html');
copyFileSync('node_modules/world-atlas/land-50m.json', dist + 'land-50m.json');
writeFileSync(dist + 'THIRD-PARTY.txt', thirdParty());

// Licences of what the bundle contains (the minifier drops their comments).
function thirdParty() {
  const out = ['Bundled into app.js:', ''];
  for (const name of ['d3-force', 'd3-dispatch', 'd3-quadtree', 'd3-timer', 'd3-geo', 'd3-array', 'internmap', 'topojson-client', 'world-atlas']) {
    const pkg = JSON.parse(readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url)));
    out.push(`${name} ${pkg.version} (${pkg.license}) ${typeof pkg.homepage === 'string' ? pkg.homepage : ''}`.trim());
  }
  out.push('', 'world-atlas land-50m.json is derived from Natural Earth (public domain).', '');
  return out.join('\n');
}
