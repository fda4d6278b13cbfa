// CourseNotes site script: draws the charts from their embedded data with the site's own plotly.js
// (French locale) and runs the client-side search over the embedded index (works from file:// too).
(function () {
  'use strict';

  // The search's comparison form, the same table as SearchIndex.Fold on the build side.
  var ACCENTED = 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿ', PLAIN = 'aaaaaaceeeeiiiinooooouuuuyy';
  function fold(text) {
    return text.toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/[àâäáãåçéèêëíìîïñóòôöõúùûüýÿ]/g, function (c) {
      return PLAIN.charAt(ACCENTED.indexOf(c));
    });
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; });
  }

  function setUpSearch() {
    var input = document.getElementById('search-input');
    var box = document.getElementById('search-results');
    if (!input || !box || !window.COURSE_SEARCH) return;
    box.hidden = true;
    input.addEventListener('input', function () {
      var terms = fold(input.value).split(/\s+/).filter(function (t) { return t.length > 1; });
      if (terms.length === 0) { box.hidden = true; box.innerHTML = ''; return; }
      var hits = window.COURSE_SEARCH.filter(function (entry) {
        return terms.every(function (t) { return entry.folded.indexOf(t) >= 0; });
      }).slice(0, 12);
      if (hits.length === 0) {
        box.innerHTML = '<p class="no-result">Aucun résultat pour «\u00a0' + escapeHtml(input.value) + '\u00a0».</p>';
      } else {
        box.innerHTML = '<ul>' + hits.map(function (entry) {
          var at = Math.max(0, entry.folded.indexOf(terms[0]) - 60);
          var snippet = (at > 0 ? '…' : '') + entry.text.substr(at, 160) + '…';
          return '<li><a href="' + escapeHtml(entry.url) + '"><strong>' + escapeHtml(entry.page) +
            (entry.section !== entry.page ? ' — ' + escapeHtml(entry.section) : '') + '</strong><span>' + escapeHtml(snippet) + '</span></a></li>';
        }).join('') + '</ul>';
      }
      box.hidden = false;
    });
    input.addEventListener('keydown', function (e) { if (e.key === 'Escape') { input.value = ''; box.hidden = true; } });
  }

  function drawCharts() {
    var scripts = Array.prototype.slice.call(document.querySelectorAll('script.chart-data'));
    var drawn = scripts.map(function (script) {
      var figure = JSON.parse(script.textContent);
      var layout = figure.layout || {};
      delete layout.width;
      layout.height = 420;
      layout.autosize = true;
      return window.Plotly.newPlot(document.getElementById(script.dataset.chart), figure.data, layout,
        { locale: 'fr', displaylogo: false, responsive: true });
    });
    // Ready when every chart has drawn and the fonts (KaTeX's) have loaded: what tests and the benchmark wait for.
    Promise.all(drawn).then(function () { return document.fonts.ready; }).then(function () {
      window.COURSE_READY_MS = performance.now();
      document.documentElement.setAttribute('data-ready', 'true');
    });
  }

  setUpSearch();
  drawCharts();
})();
