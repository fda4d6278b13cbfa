// CourseNotes site script: the table-of-contents drawer, the light/dark toggle, the client-side search over
// the embedded index (works from file:// too), and the charts, drawn from their embedded data with the
// site's own plotly.js (French locale), loaded and drawn only when a chart comes into view.
(function () {
  'use strict';
  var root = document.documentElement;

  // ---- Theme: follows the system until the reader chooses; the choice is remembered.
  var darkQuery = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : { matches: false };
  function isDark() {
    var chosen = root.getAttribute('data-theme');
    return chosen ? chosen === 'dark' : darkQuery.matches;
  }
  function setUpTheme() {
    var button = document.querySelector('.theme-toggle');
    function show() { if (button) button.setAttribute('aria-pressed', String(isDark())); }
    show();
    if (button) button.addEventListener('click', function () {
      var theme = isDark() ? 'light' : 'dark';
      root.setAttribute('data-theme', theme);
      // Remembered where the page's head script reads it: a cookie over HTTP (no storage access at load), localStorage from file://.
      try {
        if (location.protocol === 'file:') localStorage.setItem('coursenotes-theme', theme);
        else document.cookie = 'coursenotes-theme=' + theme + '; max-age=31536000; SameSite=Lax' + (location.protocol === 'https:' ? '; Secure' : '');
      } catch (e) { /* private mode: not remembered */ }
      show();
      recolourCharts();
    });
    if (darkQuery.addEventListener) darkQuery.addEventListener('change', function () { show(); recolourCharts(); });
  }

  // ---- Table of contents as a drawer on narrow screens.
  function setUpDrawer() {
    var button = document.querySelector('.toc-toggle');
    var toc = document.getElementById('sommaire');
    if (!button || !toc) return;
    function set(open) {
      document.body.classList.toggle('toc-open', open);
      button.setAttribute('aria-expanded', String(open));
    }
    button.addEventListener('click', function () {
      var open = button.getAttribute('aria-expanded') !== 'true';
      set(open);
      if (open) { var first = toc.querySelector('a'); if (first) first.focus(); }
    });
    toc.addEventListener('click', function (e) { if (e.target.closest && e.target.closest('a')) set(false); });
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && button.getAttribute('aria-expanded') === 'true') { set(false); button.focus(); }
    });
    document.addEventListener('click', function (e) {
      if (button.getAttribute('aria-expanded') === 'true' && !toc.contains(e.target) && !button.contains(e.target)) set(false);
    });
  }

  // ---- Search. The comparison form is the same table as SearchIndex.Fold on the build side.
  var ACCENTED = 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿ', PLAIN = 'aaaaaaceeeeiiiinooooouuuuyy';
  function fold(text) {
    return text.toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/[àâäáãåçéèêëíìîïñóòôöõúùûüýÿ]/g, function (c) {
      return PLAIN.charAt(ACCENTED.indexOf(c));
    });
  }
  function escapeHtml(text) {
    return text.replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; });
  }
  var SHOWN = 20;
  // A script loaded on demand (a script element works from file://, where fetch() of a local file is blocked).
  var loaded = {};
  function loadScript(src) {
    if (!loaded[src]) loaded[src] = new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error('cannot load ' + src)); };
      document.head.appendChild(script);
    });
    return loaded[src];
  }

  function setUpSearch() {
    var input = document.getElementById('search-input');
    var box = document.getElementById('search-results');
    var status = document.getElementById('search-status');
    var index = document.body.getAttribute('data-search-index');
    if (!input || !box || !index) return;
    box.hidden = true;
    function close() { box.hidden = true; }
    // The index (about 140 KB) is loaded when the reader turns to the search box, not with every page.
    function withIndex(then) {
      if (window.COURSE_SEARCH) return then();
      loadScript(index).then(then);
    }
    input.addEventListener('focus', function () { withIndex(function () {}); });
    input.addEventListener('input', function () { withIndex(search); });
    function search() {
      var terms = fold(input.value).split(/\s+/).filter(function (t) { return t.length > 1; });
      if (terms.length === 0) { close(); box.innerHTML = ''; status.textContent = ''; return; }
      // Ranked: a hit in the section title weighs more than one in the page title, more than one in the text.
      var hits = [];
      window.COURSE_SEARCH.forEach(function (entry, order) {
        var section = fold(entry.section), page = fold(entry.page), score = 0;
        for (var i = 0; i < terms.length; i++) {
          // `also`: the English terms of the glossary's French terms the section uses.
          var t = terms[i], inText = entry.folded.indexOf(t) >= 0 || (entry.also || '').indexOf(t) >= 0, inSection = section.indexOf(t) >= 0, inPage = page.indexOf(t) >= 0;
          if (!inText && !inSection && !inPage) return;
          score += (inSection ? 4 : 0) + (inPage ? 2 : 0) + (inText ? 1 : 0);
        }
        hits.push({ entry: entry, score: score, order: order });
      });
      hits.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
      var count = hits.length === 0 ? 'Aucun résultat' : hits.length === 1 ? '1 résultat' : hits.length + ' résultats';
      status.textContent = count;
      if (hits.length === 0) {
        box.innerHTML = '<p class="no-result">Aucun résultat pour «\u00a0' + escapeHtml(input.value) + '\u00a0».</p>';
      } else {
        box.innerHTML = '<p class="result-count">' + count + (hits.length > SHOWN ? ' (les ' + SHOWN + ' premiers)' : '') + '</p><ul>' +
          hits.slice(0, SHOWN).map(function (hit) {
            var entry = hit.entry;
            var at = Math.max(0, entry.folded.indexOf(terms[0]) - 60);
            var snippet = (at > 0 ? '…' : '') + entry.text.substr(at, 160) + '…';
            return '<li><a href="' + escapeHtml(entry.url) + '"><strong>' + escapeHtml(entry.page) +
              (entry.section !== entry.page ? ' — ' + escapeHtml(entry.section) : '') + '</strong><span>' + escapeHtml(snippet) + '</span></a></li>';
          }).join('') + '</ul>';
      }
      box.hidden = false;
    }
    input.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') { input.value = ''; close(); }
      else if (e.key === 'ArrowDown' || e.key === 'Enter') {
        var first = box.querySelector('a');
        if (first && !box.hidden) { e.preventDefault(); if (e.key === 'Enter') first.click(); else first.focus(); }
      }
    });
    box.addEventListener('keydown', function (e) {
      var links = Array.prototype.slice.call(box.querySelectorAll('a')), at = links.indexOf(document.activeElement);
      if (e.key === 'ArrowDown' && at + 1 < links.length) { e.preventDefault(); links[at + 1].focus(); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); (at > 0 ? links[at - 1] : input).focus(); }
      else if (e.key === 'Escape') { close(); input.focus(); }
    });
    document.addEventListener('click', function (e) { if (!box.hidden && !e.target.closest('.search')) close(); });
  }

  // ---- Charts.
  var charts = [];          // { div, figure, drawn: Promise|null }
  var plotly = null;        // Promise of window.Plotly, once asked for
  function loadPlotly() {
    if (plotly) return plotly;
    var sources = (document.body.getAttribute('data-plotly') || '').split(' ').filter(Boolean);
    plotly = sources.reduce(function (previous, src) {
      return previous.then(function () { return loadScript(src); });
    }, Promise.resolve()).then(function () { return window.Plotly; });
    return plotly;
  }

  function palette() {
    return isDark()
      ? { paper: '#1c2129', plot: '#262d38', font: '#dfe4ec', grid: '#3b4452', zero: '#56606f' }
      : { paper: '#ffffff', plot: '#e5ecf6', font: '#2a3f5f', grid: '#ffffff', zero: '#ffffff' };
  }
  // Layout keys for the palette, for every axis the figure has.
  function colours(layout) {
    var p = palette(), update = { paper_bgcolor: p.paper, plot_bgcolor: p.plot, 'font.color': p.font, 'legend.bgcolor': 'rgba(0,0,0,0)' };
    Object.keys(layout).concat(['xaxis', 'yaxis']).forEach(function (key) {
      if (/^[xy]axis\d*$/.test(key)) {
        update[key + '.gridcolor'] = p.grid; update[key + '.zerolinecolor'] = p.zero; update[key + '.linecolor'] = p.grid;
      }
    });
    return update;
  }
  function narrow(div) { return div.clientWidth < 560; }
  // On a narrow chart the legend goes under the plot, and a long series name is cut into lines of about 30 characters
  // (at ordinary spaces; a no-break space keeps « 10 000 » whole): on one line it would run off the screen.
  function wrapped(name) {
    if (typeof name !== 'string' || name.length <= 30) return name;
    var lines = [''];
    name.split(' ').forEach(function (word) {
      var last = lines.length - 1;
      if (lines[last].length > 0 && lines[last].length + 1 + word.length > 30) lines.push(word);
      else lines[last] += (lines[last].length > 0 ? ' ' : '') + word;
    });
    return lines.join('<br>');
  }
  function traces(chart) {
    if (!narrow(chart.div)) return chart.figure.data;
    return chart.figure.data.map(function (trace) {
      var copy = Object.assign({}, trace);
      copy.name = wrapped(trace.name);
      return copy;
    });
  }

  function layoutFor(chart) {
    var layout = JSON.parse(JSON.stringify(chart.figure.layout || {})); // chart.figure: loaded by chart.load()
    delete layout.width;
    delete layout.title; // the title is the figure's caption, which wraps on a phone
    var small = narrow(chart.div);
    layout.autosize = true;
    // Under the plot on a phone, each legend line beyond two takes its height from the figure, not from the plot.
    var legendLines = traces(chart).reduce(function (n, trace) {
      return n + (trace.showlegend === false || !trace.name ? 0 : String(trace.name).split('<br>').length);
    }, 0);
    layout.height = small ? Math.round(Math.max(300, chart.div.clientWidth * 0.85)) + 18 * Math.max(0, legendLines - 2) : 420;
    layout.margin = small ? { l: 48, r: 12, t: 16, b: 40 } : { l: 64, r: 24, t: 24, b: 56 };
    if (small) layout.legend = { orientation: 'h', x: 0, xanchor: 'left', xref: 'container', y: 0, yanchor: 'bottom', yref: 'container' };
    var c = colours(layout);
    Object.keys(c).forEach(function (key) {
      var path = key.split('.'), target = layout;
      for (var i = 0; i < path.length - 1; i++) target = target[path[i]] = target[path[i]] || {};
      target[path[path.length - 1]] = c[key];
    });
    return layout;
  }

  var CONFIG = {
    locale: 'fr', displaylogo: false, responsive: true, showSendToCloud: false, showEditInChartStudio: false,
    modeBarButtonsToRemove: ['sendDataToCloud', 'lasso2d', 'select2d', 'toggleSpikelines', 'hoverClosestCartesian', 'hoverCompareCartesian'],
  };

  function draw(chart) {
    if (!chart.drawn) {
      chart.drawn = Promise.all([loadPlotly(), chart.load()]).then(function (loaded) {
        return loaded[0].newPlot(chart.div, traces(chart), layoutFor(chart), CONFIG);
      }).then(function () {
        chart.div.classList.add('drawn');
        chart.div.setAttribute('data-theme-drawn', isDark() ? 'dark' : 'light');
      });
    }
    return chart.drawn;
  }
  function recolourCharts() {
    charts.forEach(function (chart) {
      if (!chart.drawn) return;
      chart.drawn = chart.drawn.then(function () {
        return window.Plotly.relayout(chart.div, colours(chart.div.layout || {}));
      }).then(function () { chart.div.setAttribute('data-theme-drawn', isDark() ? 'dark' : 'light'); });
    });
  }
  function drawAll() { return Promise.all(charts.map(draw)); }
  window.COURSE_DRAW_ALL = drawAll;

  // Paper: every solution open, every chart drawn at the page's width (restored afterwards).
  var openedForPrint = [];
  var PRINT_WIDTH = 640;
  function preparePrint() {
    openedForPrint = Array.prototype.slice.call(document.querySelectorAll('details.solution:not([open])'));
    openedForPrint.forEach(function (d) { d.open = true; });
    return drawAll().then(function () {
      return Promise.all(charts.map(function (chart) { return window.Plotly.relayout(chart.div, { width: PRINT_WIDTH, autosize: false }); }));
    });
  }
  function endPrint() {
    openedForPrint.forEach(function (d) { d.open = false; });
    openedForPrint = [];
    charts.forEach(function (chart) {
      if (chart.drawn) chart.drawn = chart.drawn.then(function () { return window.Plotly.relayout(chart.div, { width: null, autosize: true }); });
    });
  }
  window.COURSE_PREPARE_PRINT = preparePrint;

  // The chart's data as a table, built when the reader opens « Données du graphique ».
  function fillTable(details, chart) {
    if (details.querySelector('table')) return;
    var html = '';
    chart.figure.data.forEach(function (trace, t) {
      var xs = trace.x || [], ys = trace.y || [], rows = '';
      for (var i = 0; i < ys.length; i++) rows += '<tr><td>' + escapeHtml(String(xs[i] === undefined ? i : xs[i])) + '</td><td>' + escapeHtml(String(ys[i])) + '</td></tr>';
      var xTitle = ((chart.figure.layout || {}).xaxis || {}).title, yTitle = ((chart.figure.layout || {}).yaxis || {}).title;
      html += '<table><caption>' + escapeHtml(trace.name || ('Série ' + (t + 1))) + '</caption><thead><tr><th scope="col">' +
        escapeHtml((xTitle && xTitle.text) || 'x') + '</th><th scope="col">' + escapeHtml((yTitle && yTitle.text) || 'y') + '</th></tr></thead><tbody>' + rows + '</tbody></table>';
    });
    var wrapper = document.createElement('div');
    wrapper.className = 'table-scroll';
    wrapper.tabIndex = 0;
    wrapper.setAttribute('role', 'region');
    wrapper.setAttribute('aria-label', 'Données du graphique');
    wrapper.innerHTML = html;
    details.appendChild(wrapper);
  }

  // A chart's data lies in its own file (media/chart-….js, up to 200 KB), which calls COURSE_CHART_DATA(its name, figure):
  // loaded with a <script src> (file:// allows no fetch) when the chart is drawn or its table opened, not with the page.
  var chartFiles = {};      // file → { promise, resolve }
  window.COURSE_CHART_DATA = function (file, figure) { if (chartFiles[file]) chartFiles[file].resolve(figure); };
  function loadChartFile(file) {
    if (!chartFiles[file]) {
      var entry = chartFiles[file] = {};
      entry.promise = new Promise(function (resolve, reject) {
        entry.resolve = resolve;
        var script = document.createElement('script');
        script.src = file;
        script.onerror = function () { reject(new Error('données du graphique introuvables : ' + file)); };
        document.head.appendChild(script);
      });
    }
    return chartFiles[file].promise;
  }

  function setUpCharts() {
    var scripts = Array.prototype.slice.call(document.querySelectorAll('script.chart-data'));
    charts = scripts.map(function (script) {
      var chart = { div: document.getElementById(script.getAttribute('data-chart')), drawn: null, figure: null, loading: null };
      chart.load = function () {
        if (!chart.loading) {
          var file = script.getAttribute('data-src');
          chart.loading = (file ? loadChartFile(file) : Promise.resolve().then(function () { return JSON.parse(script.textContent); }))
            .then(function (figure) { return (chart.figure = figure); });
        }
        return chart.loading;
      };
      return chart;
    });
    charts.forEach(function (chart) {
      var details = document.querySelector('details.chart-table[data-chart="' + chart.div.id + '"]');
      if (details) details.addEventListener('toggle', function () { if (details.open) chart.load().then(function () { fillTable(details, chart); }); });
    });
    window.addEventListener('beforeprint', preparePrint);
    window.addEventListener('afterprint', endPrint);
    if (charts.length === 0 || !('IntersectionObserver' in window)) return drawAll();
    return new Promise(function (resolve) {
      var first = true;
      var observer = new IntersectionObserver(function (entries) {
        var now = [];
        entries.forEach(function (entry) {
          if (!entry.isIntersecting) return;
          observer.unobserve(entry.target);
          charts.forEach(function (chart) { if (chart.div === entry.target) now.push(draw(chart)); });
        });
        if (first) { first = false; resolve(Promise.all(now)); }
      }, { rootMargin: '300px 0px' });
      charts.forEach(function (chart) { observer.observe(chart.div); });
    });
  }

  // An inline formula wider than its paragraph (a \left[ … \right] cannot break) scrolls in its own focusable box.
  // Measured only when its block comes near the screen: measuring every formula at load would lay out the whole page
  // (cells off screen skip layout: content-visibility), a long task on a phone and seconds on the handout.
  // All measured first, then marked: a class set between two measures would lay the block out again for the next one.
  function fitFormulas(container) {
    Array.prototype.filter.call(container.querySelectorAll('.katex'), function (formula) {
      if (formula.classList.contains('wide') || formula.closest('.katex-display')) return false;
      var parent = formula.closest('p, li, td, figcaption') || formula.parentElement;
      return formula.getBoundingClientRect().width > parent.clientWidth;
    }).forEach(function (formula) {
      formula.classList.add('wide');
      formula.tabIndex = 0;
      formula.setAttribute('role', 'group');
      formula.setAttribute('aria-label', 'Formule');
    });
  }
  // Work for each block of the page (a cell, or a paragraph of a page without cells) when it comes within `margin` of the
  // screen (one screen unless told). Resolves once the blocks near the screen at the start have been done (the observer's first answer).
  // The blocks are observed a few hundred at a time, each batch in its own task (the handout has thousands).
  function whenNear(blocks, work, margin) {
    if (!('IntersectionObserver' in window) || blocks.length === 0) { blocks.forEach(work); return Promise.resolve(); }
    return new Promise(function (resolve) {
      var seen = new Set();
      var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          seen.add(entry.target);
          if (entry.isIntersecting) { observer.unobserve(entry.target); work(entry.target); }
        });
        if (seen.size === blocks.length) resolve(); // every block's first answer has come: those near the screen are done
      }, { rootMargin: margin || '100% 0px' });
      (function observe(from) {
        blocks.slice(from, from + 300).forEach(function (block) { observer.observe(block); });
        if (from + 300 < blocks.length) setTimeout(function () { observe(from + 300); }, 0);
      })(0);
    });
  }
  function all(selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); }
  // The block of an inline formula: its cell, or within a prose cell its paragraph, list or quotation (off screen, these
  // are not laid out: content-visibility), or the paragraph of a page without cells. Found from the formulas upwards:
  // a selector such as `section.cell > *` would test every element of the page (15 ms on a chapter, 70 on the handout).
  function formulaBlocks() {
    var blocks = new Set();
    all('.katex').forEach(function (formula) {
      if (formula.parentNode.classList.contains('katex-display')) return; // a display formula scrolls already
      for (var e = formula; e.parentElement; e = e.parentElement) {
        var parent = e.parentElement;
        if (parent.tagName === 'MAIN' || parent.classList.contains('handout-chapter') || (parent.tagName === 'SECTION' && parent.classList.contains('cell'))) { blocks.add(e); return; }
      }
    });
    return Array.from(blocks);
  }
  // Measured within 40 % of a screen: Chromium lays out content-visibility: auto blocks within half a screen of view, so
  // these are laid out already; measuring one further off would force its layout (100 ms tasks on a loaded phone).
  function fitInlineMath() { return whenNear(formulaBlocks(), fitFormulas, '40% 0px'); }
  function refitInlineMath() { // after a resize: the blocks in view now, the others when they come
    Array.prototype.forEach.call(document.querySelectorAll('.katex.wide'), function (f) { f.classList.remove('wide'); });
    return fitInlineMath();
  }

  // « Copier » on every code cell, added when the cell comes near the screen (no DOM work for the whole page at load).
  function setUpCopy() {
    whenNear(all('pre.source'), function (pre) {
      if (pre.parentNode.classList.contains('source-wrapper')) return;
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'copy';
      button.textContent = 'Copier';
      button.setAttribute('aria-label', 'Copier le code de la cellule');
      button.addEventListener('click', function () {
        var text = pre.textContent;
        var done = function () { button.textContent = 'Copié ✓'; setTimeout(function () { button.textContent = 'Copier'; }, 2000); };
        if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, function () {});
      });
      var wrapper = document.createElement('div');
      wrapper.className = 'source-wrapper';
      pre.parentNode.insertBefore(wrapper, pre);
      wrapper.appendChild(button);
      wrapper.appendChild(pre);
    });
  }

  // ---- Live outputs (the latent explorer): their script and data (hundreds of KB) lie in their own file, loaded with a
  // <script src> (which works from file://) when the output comes within a screen of view.
  function setUpLiveOutputs() {
    var lives = Array.prototype.slice.call(document.querySelectorAll('[data-live-script]'));
    function load(live) {
      if (live.querySelector('script[data-live-loader]')) return;
      var script = document.createElement('script');
      script.src = live.getAttribute('data-live-script');
      script.setAttribute('data-live-loader', '');
      live.appendChild(script);
    }
    if (!('IntersectionObserver' in window)) return lives.forEach(load);
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) { if (entry.isIntersecting) { observer.unobserve(entry.target); load(entry.target); } });
    }, { rootMargin: '100% 0px' });
    lives.forEach(function (live) { observer.observe(live); });
  }

  // ---- Citation cards (shown by CSS on hover and focus): Escape hides the card until the pointer or focus leaves.
  function setUpCitations() {
    document.addEventListener('keydown', function (e) {
      if (e.key !== 'Escape') return;
      var open = document.querySelectorAll('.citation:hover, .citation:focus-within');
      for (var i = 0; i < open.length; i++) open[i].setAttribute('data-dismissed', '');
    });
    function reset(e) { var c = e.target.closest && e.target.closest('.citation'); if (c) c.removeAttribute('data-dismissed'); }
    document.addEventListener('focusout', reset);
    document.addEventListener('mouseout', reset);
  }

  setUpTheme();
  setUpCitations();
  setUpDrawer();
  setUpSearch();
  // The rest in their own tasks, each after the previous one: on a long page (the handout) each observes hundreds or
  // thousands of blocks, and one task for all of them would hold the main thread (Lighthouse's total blocking time).
  function later(work) { return new Promise(function (resolve) { setTimeout(function () { resolve(work()); }, 0); }); }
  setTimeout(setUpCopy, 0);
  var fitted = later(fitInlineMath);
  window.addEventListener('resize', function () { clearTimeout(fitInlineMath.timer); fitInlineMath.timer = setTimeout(refitInlineMath, 200); });
  later(setUpLiveOutputs);
  var drawn = later(setUpCharts);
  // Ready when the charts in view have drawn and the fonts (KaTeX's) have loaded: what tests and the benchmark wait for.
  Promise.all([drawn, fitted]).then(function () { return document.fonts.ready; }).then(function () {
    window.COURSE_READY_MS = performance.now();
    root.setAttribute('data-ready', 'true');
  });
})();
