// The latent explorer's page script (CourseNotes.Vae.Explorer.LatentExplorer): decodes latent codes in the browser with
// the quantised decoder written in the explorer's JSON, draws the image, and lets the reader move the code with the mouse
// or the arrow keys. No library, no request: everything it reads is in the explorer's own element.
(function (id) {
  "use strict";
  var tries = 0;
  // Classic Notebook runs an output's scripts before it attaches the output to the page: wait for the element.
  function find() {
    var root = document.getElementById(id);
    if (root) return wait(root);
    if (++tries < 100) setTimeout(find, 50);
  }
  function wait(root) {
    if (root.dataset.started) return;
    if (!("IntersectionObserver" in window)) return start(root);
    var seen = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) { seen.disconnect(); start(root); }
    }, { rootMargin: "200px" });
    seen.observe(root);
  }
  function bytes(text) {
    var s = atob(text), a = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) a[i] = s.charCodeAt(i);
    return a;
  }
  function floats(text) { return new Float32Array(bytes(text).buffer); }
  function french(v) { return v.toFixed(2).replace(".", ",").replace("-", "\u2212"); }

  function start(root) {
    if (root.dataset.started) return;
    root.dataset.started = "true";
    var data = JSON.parse(root.querySelector("script.latent-explorer-data").textContent);
    // The 8-bit matrix is zlib-compressed: the browser inflates it (no library, no request).
    new Response(new Blob([bytes(data.w2)]).stream().pipeThrough(new DecompressionStream("deflate"))).arrayBuffer()
      .then(function (buffer) { run(root, data, new Int8Array(buffer)); });
  }

  function run(root, data, w2) {
    var K = data.k, H = data.hidden, D = data.pixels, side = data.side;
    var w1 = floats(data.w1), b1 = floats(data.b1), s2 = floats(data.s2), b2 = floats(data.b2);
    var lower = data.lower, upper = data.upper, names = data.names;
    var h = Float64Array.from(data.start), z = new Float64Array(H), sum = new Float64Array(D), out = new Float32Array(D);

    // z = ReLU(W₁h + b₁), then each firing unit adds its column of q to the sums; pixel = σ(s·sum + b₂).
    function decode(code) {
      var j, i, k;
      for (j = 0; j < H; j++) {
        var a = b1[j];
        for (k = 0; k < K; k++) a += w1[j * K + k] * code[k];
        z[j] = a > 0 ? a : 0;
      }
      sum.fill(0);
      for (j = 0; j < H; j++) {
        var zj = z[j];
        if (zj === 0) continue;
        for (i = 0, k = j * D; i < D; i++) sum[i] += w2[k + i] * zj;
      }
      for (i = 0; i < D; i++) {
        var v = sum[i] * s2[i] + b2[i];
        out[i] = data.sigmoid ? 1 / (1 + Math.exp(-v)) : Math.min(1, Math.max(0, v));
      }
      return out;
    }

    var image = root.querySelector("canvas.latent-explorer-image"), context = image.getContext("2d");
    var picture = context.createImageData(side, side);
    var status = root.querySelector(".latent-explorer-status");
    var plane = root.querySelector("canvas.latent-explorer-plane");
    var sliders = Array.prototype.slice.call(root.querySelectorAll("input.latent-explorer-slider"));
    var drawPlane = function () { }, nearest = function () { return ""; };

    function clamp() { for (var k = 0; k < K; k++) h[k] = Math.min(upper[k], Math.max(lower[k], h[k])); }
    function show(code) {
      if (code) for (var k = 0; k < K; k++) h[k] = code[k];
      clamp();
      var p = decode(h), d = picture.data;
      for (var i = 0; i < D; i++) {
        var g = Math.round(p[i] * 255);
        d[4 * i] = d[4 * i + 1] = d[4 * i + 2] = g;
        d[4 * i + 3] = 255;
      }
      context.putImageData(picture, 0, 0);
      var where = data.mode === "plane"
        ? "h\u2081\u00A0=\u00A0" + french(h[0]) + "\u202F; h\u2082\u00A0=\u00A0" + french(h[1])
        : sliders.map(function (s) { return names[s.dataset.coordinate] + "\u00A0=\u00A0" + french(h[+s.dataset.coordinate]); }).join(", ");
      status.textContent = where;
      image.setAttribute("aria-label", "Image décodée en " + where + nearest());
      sliders.forEach(function (s) {
        var k = +s.dataset.coordinate;
        s.value = String(h[k]);
        s.setAttribute("aria-valuetext", french(h[k]));
        s.nextElementSibling.textContent = french(h[k]);
      });
      drawPlane();
      root.dataset.decodes = String((+root.dataset.decodes || 0) + 1);
    }

    if (plane) {
      var extent = data.plane.extent, size = plane.width, pen = plane.getContext("2d");
      var codes = new Int8Array(bytes(data.plane.codes).buffer), labels = bytes(data.plane.labels), colours = data.plane.colours;
      var x = function (v) { return (v + extent) / (2 * extent) * size; }, y = function (v) { return (extent - v) / (2 * extent) * size; };
      var back = document.createElement("canvas");
      back.width = back.height = size;
      var b = back.getContext("2d"), ink = getComputedStyle(root).color;
      b.strokeStyle = ink; b.fillStyle = ink; b.globalAlpha = 0.35; b.lineWidth = 1;
      b.beginPath(); b.moveTo(x(0), 0); b.lineTo(x(0), size); b.moveTo(0, y(0)); b.lineTo(size, y(0)); b.stroke();
      b.globalAlpha = 0.75;
      for (var n = 0; n < labels.length; n++) {
        b.fillStyle = colours[labels[n]];
        b.fillRect(x(codes[2 * n] / 127 * extent) - 1.25, y(codes[2 * n + 1] / 127 * extent) - 1.25, 2.5, 2.5);
      }
      // The tick labels over the codes, each on a halo of the opposite lightness to the ink (white under dark text, black
      // under light text in a dark theme), so that no point hides them.
      var rgb = /(\d+)\D+(\d+)\D+(\d+)/.exec(ink), light = rgb !== null && +rgb[1] + +rgb[2] + +rgb[3] > 382;
      b.fillStyle = ink; b.strokeStyle = light ? "#000" : "#fff"; b.lineWidth = 3; b.lineJoin = "round";
      b.globalAlpha = 0.9; b.font = "11px sans-serif";
      var label = function (t, u, v) { var text = french(t).replace(",00", ""); b.strokeText(text, u, v); b.fillText(text, u, v); };
      for (var t = -Math.floor(extent) + 1; t < extent; t++) if (t !== 0) {
        label(t, x(t) - 4, y(0) + 12);
        label(t, x(0) + 3, y(t) + 4);
      }
      drawPlane = function () {
        pen.clearRect(0, 0, size, size);
        pen.drawImage(back, 0, 0);
        pen.lineWidth = 2;
        pen.beginPath(); pen.arc(x(h[0]), y(h[1]), 6, 0, 2 * Math.PI);
        pen.strokeStyle = "#000"; pen.stroke();
        pen.beginPath(); pen.arc(x(h[0]), y(h[1]), 4, 0, 2 * Math.PI);
        pen.strokeStyle = "#fff"; pen.stroke();
      };
      // The class of the nearest test code, or how far the point is from every code: the image's alt text says it.
      nearest = function () {
        var best = Infinity, label = 0;
        for (var n = 0; n < labels.length; n++) {
          var dx = codes[2 * n] / 127 * extent - h[0], dy = codes[2 * n + 1] / 127 * extent - h[1], d2 = dx * dx + dy * dy;
          if (d2 < best) { best = d2; label = labels[n]; }
        }
        var distance = Math.sqrt(best);
        return distance > data.plane.far
          ? ", loin de tout code de test (le plus proche à " + french(distance) + ")"
          : ", près des codes de la classe «\u00A0" + data.plane.classes[label] + "\u00A0»";
      };
      var moveTo = function (event) {
        var box = plane.getBoundingClientRect();
        show([(event.clientX - box.left) / box.width * 2 * extent - extent, extent - (event.clientY - box.top) / box.height * 2 * extent]);
      };
      plane.addEventListener("pointerdown", function (event) { plane.setPointerCapture(event.pointerId); plane.focus(); moveTo(event); });
      plane.addEventListener("pointermove", function (event) { if (plane.hasPointerCapture(event.pointerId)) moveTo(event); });
      plane.addEventListener("keydown", function (event) {
        var step = event.shiftKey ? 0.5 : 0.1, dx = 0, dy = 0;
        if (event.key === "ArrowLeft") dx = -step; else if (event.key === "ArrowRight") dx = step;
        else if (event.key === "ArrowDown") dy = -step; else if (event.key === "ArrowUp") dy = step;
        else return;
        event.preventDefault();
        show([h[0] + dx, h[1] + dy]);
      });
    }

    sliders.forEach(function (s) {
      var k = +s.dataset.coordinate;
      s.addEventListener("input", function () { h[k] = +s.value; show(); });
      s.addEventListener("keydown", function (event) {
        var step = { ArrowRight: 0.1, ArrowUp: 0.1, ArrowLeft: -0.1, ArrowDown: -0.1, PageUp: 0.5, PageDown: -0.5 }[event.key];
        if (event.key === "Home") step = lower[k] - h[k]; else if (event.key === "End") step = upper[k] - h[k];
        if (step === undefined) return;
        event.preventDefault();
        h[k] += step;
        show();
      });
    });

    // The live explorer replaces the static picture.
    var live = root.querySelector(".latent-explorer-live");
    live.hidden = false;
    live.style.display = "flex";
    root.querySelector(".latent-explorer-fallback").style.display = "none";
    root.latentExplorer = {
      decode: function (code) { return Array.prototype.slice.call(decode(code)); },
      show: function (code) { show(code); },
      point: function () { return Array.prototype.slice.call(h); }
    };
    show();
    root.dataset.ready = "true";
  }
  find();
})
