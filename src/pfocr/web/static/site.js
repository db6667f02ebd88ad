// pfocr: hover and keyboard focus on a gene box show its symbol, name, the text read and
// the reading's trail (what each pass decided),
// and highlight the same gene's other boxes and its table row (and the reverse).
// Without JavaScript, each box still has an SVG <title> tooltip and links to its gene page.
(function () {
  "use strict";
  var stage = document.getElementById("stage");
  var tip = document.getElementById("tip");
  if (!stage || !tip) { return; }
  var boxes = Array.prototype.slice.call(stage.querySelectorAll(".box"));
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-symbol]"));

  function highlight(symbol, on) {
    boxes.forEach(function (b) { if (b.dataset.symbol === symbol) { b.classList.toggle("hl", on); } });
    rows.forEach(function (r) { if (r.dataset.symbol === symbol) { r.classList.toggle("hl", on); } });
  }

  function line(cls, text) {
    var span = document.createElement(cls === "t-sym" ? "strong" : "span");
    span.className = cls;
    span.textContent = text;  // textContent: stored text is never parsed as HTML
    return span;
  }

  function show(box) {
    var d = box.dataset;
    tip.replaceChildren();
    var suffix = {family: " (family)", below: " (below threshold)", chemical: " (chemical)", disease: " (disease)"};
    var head = d.symbol + (suffix[d.kind] || "");
    tip.appendChild(line("t-sym", head));
    if (d.name) { tip.appendChild(line("t-name", d.name)); }
    var read = "read as \u201c" + d.text + "\u201d" + (d.confidence ? ", confidence " + d.confidence : "");
    tip.appendChild(line("t-read", read));
    if (d.trail) {
      d.trail.split("\n").forEach(function (step) { tip.appendChild(line("t-trail", step)); });
    }
    tip.hidden = false;
    var s = stage.getBoundingClientRect();
    var r = box.getBoundingClientRect();
    var left = Math.min(Math.max(0, r.left - s.left), Math.max(0, s.width - tip.offsetWidth));
    var top = r.bottom - s.top + 6;
    if (top + tip.offsetHeight > s.height && r.top - s.top > tip.offsetHeight + 6) {
      top = r.top - s.top - tip.offsetHeight - 6;
    }
    tip.style.left = left + "px";
    tip.style.top = top + "px";
    highlight(d.symbol, true);
  }

  function hide(box) {
    tip.hidden = true;
    highlight(box.dataset.symbol, false);
  }

  boxes.forEach(function (box) {
    box.addEventListener("mouseenter", function () { show(box); });
    box.addEventListener("mouseleave", function () { hide(box); });
    box.addEventListener("focus", function () { show(box); });
    box.addEventListener("blur", function () { hide(box); });
  });
  rows.forEach(function (row) {
    row.addEventListener("mouseenter", function () { highlight(row.dataset.symbol, true); });
    row.addEventListener("mouseleave", function () { highlight(row.dataset.symbol, false); });
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") { tip.hidden = true; } });
})();

// Enrichment results: copy the result's link; sort the table by a column heading.
(function () {
  "use strict";
  document.querySelectorAll("button.copy[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var field = document.getElementById(button.dataset.copy);
      if (!field) { return; }
      field.select();
      var done = function () { button.textContent = "Copied"; };
      var failed = function () { button.textContent = "Press Ctrl+C to copy"; };
      // The selected field is copied at once where the browser allows it; the
      // asynchronous clipboard API is the fallback (it may be refused without focus).
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
      if (copied) {
        done();
      } else if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, failed);
      } else {
        failed();
      }
    });
  });
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = Array.prototype.slice.call(table.querySelectorAll("thead th"));
    var body = table.tBodies[0];
    heads.forEach(function (th, column) {
      if (!th.dataset.sort) { return; }
      th.querySelector("button").addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        if (!th.hasAttribute("aria-sort") && th.dataset.desc) { ascending = false; }
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        var key = function (row) {
          var v = row.cells[column].dataset.value;
          return th.dataset.sort === "num" ? parseFloat(v) : (v || "").toLowerCase();
        };
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();

// Zoom and pan the figure: buttons scale the image with its boxes; drag or scroll to pan.
(function () {
  "use strict";
  var pan = document.getElementById("pan");
  var stage = document.getElementById("stage");
  var img = document.getElementById("figure-img");
  var bar = document.getElementById("zoom");
  var level = document.getElementById("zoom-level");
  if (!pan || !stage || !img || !bar) { return; }
  bar.hidden = false;
  var steps = [1, 1.5, 2, 3, 4, 6];
  var at = 0;
  function apply() {
    var zoom = steps[at];
    var fit = pan.clientWidth;
    pan.classList.toggle("zoomed", zoom > 1);
    stage.style.width = zoom > 1 ? Math.round(fit * zoom) + "px" : "";
    img.style.width = zoom > 1 ? "100%" : "";
    level.textContent = Math.round(zoom * 100) + "%";
  }
  bar.addEventListener("click", function (e) {
    var how = e.target && e.target.dataset ? e.target.dataset.zoom : null;
    if (how === "in") { at = Math.min(steps.length - 1, at + 1); }
    else if (how === "out") { at = Math.max(0, at - 1); }
    else if (how === "reset") { at = 0; }
    else { return; }
    apply();
  });
  var drag = null;
  pan.addEventListener("mousedown", function (e) {
    if (steps[at] === 1 || e.button !== 0) { return; }
    drag = { x: e.clientX, y: e.clientY, left: pan.scrollLeft, top: pan.scrollTop };
    e.preventDefault();
  });
  window.addEventListener("mousemove", function (e) {
    if (!drag) { return; }
    pan.scrollLeft = drag.left - (e.clientX - drag.x);
    pan.scrollTop = drag.top - (e.clientY - drag.y);
  });
  window.addEventListener("mouseup", function () { drag = null; });
})();
