// Parses an HTML report with a real HTML parser (jsdom) and checks its structure: the title,
// a section per version with its diagram, the comparison table, the charts, the impact
// heatmap's shaded cells, and that every SVG parses as SVG. Prints what it found; exits 1 on a
// missing part. Usage: node check-report.mjs REPORT.html VERSION...
import { JSDOM } from 'jsdom';
import { readFileSync } from 'node:fs';

const [file, ...versions] = process.argv.slice(2);
const dom = new JSDOM(readFileSync(file, 'utf8'));
const doc = dom.window.document;
const problems = [];
const need = (ok, what) => { if (!ok) problems.push(what); };

need(doc.querySelector('h1')?.textContent.includes('design report'), 'an h1 title');
need(doc.querySelector('style')?.textContent.includes('@media print'), 'print styles');
need(doc.getElementById('the-versions-compared'), 'the comparison section');
const compare = [...doc.querySelectorAll('table')].find(t => t.querySelector('th')?.textContent === 'figure');
need(compare && [...compare.querySelectorAll('th')].slice(1).map(th => th.textContent).join(',') === versions.join(','),
     'the comparison table with a column per version');
need(doc.getElementById('cost')?.querySelector('svg rect'), 'the cost chart');
need([...doc.querySelectorAll('figure[id^="latency-"] svg path')].length > 0, 'latency charts');
for (const v of versions) {
  const slug = v.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  need(doc.getElementById(`version-${slug}`), `section of ${v}`);
  need(doc.querySelector(`#diagram-${slug} svg.diagram rect`), `diagram of ${v}`);
  need(doc.querySelector(`#utilization-${slug} svg`), `utilization chart of ${v}`);
}
const heat = [...doc.querySelectorAll('td[style*="background:hsl"]')];
need(heat.length > 0, 'impact heatmap cells');
for (const svg of doc.querySelectorAll('svg')) {
  const parsed = new dom.window.DOMParser().parseFromString(svg.outerHTML, 'image/svg+xml');
  need(!parsed.querySelector('parsererror'), `an SVG that parses (${svg.getAttribute('aria-label')})`);
}
console.log(`${file}: ${doc.querySelectorAll('h2').length} sections, ${doc.querySelectorAll('table').length} tables, ` +
            `${doc.querySelectorAll('svg').length} pictures, ${heat.length} heatmap cells`);
if (problems.length) {
  console.log('missing: ' + problems.join('; '));
  process.exit(1);
}
