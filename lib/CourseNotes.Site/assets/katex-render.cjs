// CourseNotes site: renders formulas with KaTeX at build time.
// Reads [{ "tex": "...", "display": true|false }] as JSON on stdin and writes, in the same order,
// [{ "html": "..." } or { "error": "..." }] on stdout. argv[2] is the katex package folder (node_modules/katex).
'use strict';
const katex = require(process.argv[2]);
const chunks = [];
process.stdin.on('data', chunk => chunks.push(chunk));
process.stdin.on('end', () => {
  const formulas = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const results = formulas.map(({ tex, display }) => {
    try {
      return { html: katex.renderToString(tex, { displayMode: display, throwOnError: true, strict: 'ignore', output: 'htmlAndMathml' }) };
    } catch (e) {
      return { error: String(e && e.message ? e.message : e) };
    }
  });
  process.stdout.write(JSON.stringify(results));
});
