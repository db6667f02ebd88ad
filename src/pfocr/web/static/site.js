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
    var head = d.symbol + (d.kind === "family" ? " (family)" : d.kind === "below" ? " (below threshold)" : "");
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
