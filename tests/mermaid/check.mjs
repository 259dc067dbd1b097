// Parses each Mermaid file given with the real Mermaid parser (mermaid.parse, the parser the
// Mermaid renderer uses) and prints "ok FILE TYPE" or "FAIL FILE: message"; exits 1 if any fails.
// Mermaid needs a DOM to load: jsdom gives it one.
import { JSDOM } from 'jsdom';
import { readFileSync } from 'node:fs';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

let failed = 0;
for (const file of process.argv.slice(2)) {
  try {
    const r = await mermaid.parse(readFileSync(file, 'utf8'));
    console.log(`ok ${file} ${r.diagramType}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${file}: ${e?.message ?? e}`);
  }
}
process.exit(failed ? 1 : 0);
