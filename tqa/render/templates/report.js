(function () {
  "use strict";
  // Progressive enhancement: the page is complete without this script (every
  // finding's details are in the list, marks link to them). With it: a side
  // panel for details, filters, a sortable and filterable index of documents.
  // Nothing here writes HTML: text is only moved, cloned or set as textContent.
  document.documentElement.classList.add("js");
  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }
  var marks = all("mark.f");
  var items = all("li.finding-item");
  var docs = all("details.doc");
  var panel = document.getElementById("details");
  var body = document.getElementById("details-body");
  var byId = {};
  items.forEach(function (li) { byId[li.id] = li; });
  function idsOf(mark) { return mark.dataset.ids.split(" "); }
  function docOf(el) { return el.closest("details.doc"); }

  // -- findings filters ------------------------------------------------------------------
  function checked(name) {
    var out = {};
    all("input[name='" + name + "']").forEach(function (box) { out[box.value] = box.checked; });
    return out;
  }
  function filter() {
    var sev = checked("severity"), cat = checked("category");
    var code = document.getElementById("filter-code").value;
    return function (li) {
      return sev[li.dataset.severity] && cat[li.dataset.category] &&
        (code === "" || code === li.dataset.code);
    };
  }
  function applyFilters() {
    var on = filter(), shown = {}, count = 0;
    items.forEach(function (li) {
      var visible = on(li);
      li.hidden = !visible;
      if (visible) {
        shown[li.id] = true;
        if (!docOf(li).hidden) { count += 1; }
      }
    });
    marks.forEach(function (m) {
      var visible = idsOf(m).some(function (id) { return shown[id]; });
      m.classList.toggle("off", !visible);
      m.querySelector("a").tabIndex = visible ? 0 : -1;
    });
    document.getElementById("shown-count").textContent = String(count);
  }

  // -- details panel ---------------------------------------------------------------------
  var current = [], opener = null;
  function openDetails(ids, from) {
    var on = filter();
    ids = ids.filter(function (id) { return byId[id] && on(byId[id]); });
    if (!ids.length) { return; }
    body.textContent = "";
    ids.forEach(function (id) {
      var entry = document.createElement("div");
      entry.className = "entry";
      all(":scope > *", byId[id]).forEach(function (part) {
        entry.appendChild(part.cloneNode(true));
      });
      body.appendChild(entry);
    });
    current.forEach(function (m) { m.classList.remove("current"); });
    current = marks.filter(function (m) {
      return idsOf(m).some(function (id) { return ids.indexOf(id) >= 0; });
    });
    current.forEach(function (m) { m.classList.add("current"); });
    panel.hidden = false;
    document.getElementById("side").scrollTop = 0;
    opener = from;
    if (from && from.classList.contains("finding") && current.length) {
      current[0].scrollIntoView({block: "center"});
    }
  }
  function closeDetails() {
    panel.hidden = true;
    current.forEach(function (m) { m.classList.remove("current"); });
    current = [];
    if (opener) { opener.focus(); }
  }
  marks.forEach(function (m) {
    m.addEventListener("click", function (e) {
      e.preventDefault();
      openDetails(idsOf(m), m.querySelector("a"));
    });
  });
  items.forEach(function (li) {
    var head = li.querySelector(".fhead");
    head.addEventListener("click", function (e) {
      e.preventDefault();
      openDetails([li.id], li.querySelector("a.finding") || head);
    });
  });
  document.getElementById("details-close").addEventListener("click", closeDetails);
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !panel.hidden) { closeDetails(); }
  });
  all("fieldset.filters input, fieldset.filters select").forEach(function (el) {
    el.addEventListener("change", applyFilters);
  });

  // -- documents: open the one a link or the address points to ---------------------------
  function reveal(hash) {
    var target = hash && hash.length > 1 ? document.getElementById(hash.slice(1)) : null;
    var doc = target && (target.matches("details.doc") ? target : docOf(target));
    if (doc) { doc.open = true; }
  }
  all("a[href^='#']").forEach(function (a) {
    a.addEventListener("click", function () { reveal(a.getAttribute("href")); });
  });
  window.addEventListener("hashchange", function () { reveal(location.hash); });
  reveal(location.hash);

  // -- index of documents: sort by a column, filter by verdict, score and path ------------
  var table = document.getElementById("index-table");
  var tbody = table.tBodies[0];
  var rows = all("tr", tbody);
  rows.forEach(function (tr, n) { tr.dataset.order = String(n); });
  var sortKey = null, sortDir = 1;
  var columns = {};
  all("th", table.tHead).forEach(function (th, n) { if (th.dataset.key) { columns[th.dataset.key] = n; } });
  function value(tr, key, type) {
    var v = tr.cells[columns[key]].textContent;
    return type === "number" ? parseFloat(v) : v.toLowerCase();
  }
  all("th[data-key]", table).forEach(function (th) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    th.setAttribute("aria-sort", "none");
    button.addEventListener("click", function () {
      var key = th.dataset.key, type = th.dataset.type;
      sortDir = sortKey === key ? -sortDir : 1;
      sortKey = key;
      all("th[data-key]", table).forEach(function (other) {
        other.setAttribute("aria-sort", other === th ? (sortDir > 0 ? "ascending" : "descending") : "none");
      });
      rows.slice().sort(function (a, b) {
        var x = value(a, key, type), y = value(b, key, type);
        var c = x < y ? -1 : x > y ? 1 : 0;
        return c * sortDir || parseInt(a.dataset.order, 10) - parseInt(b.dataset.order, 10);
      }).forEach(function (tr) { tbody.appendChild(tr); });
    });
  });
  var verdict = document.getElementById("index-verdict");
  var low = document.getElementById("index-min");
  var high = document.getElementById("index-max");
  var path = document.getElementById("index-path");
  function applyIndex() {
    var want = verdict.value, text = path.value.toLowerCase();
    var min = low.value === "" ? -Infinity : parseFloat(low.value);
    var max = high.value === "" ? Infinity : parseFloat(high.value);
    var count = 0;
    rows.forEach(function (tr) {
      var score = value(tr, "score", "number");
      var on = (want === "" || tr.dataset.verdict === want) && score >= min && score <= max &&
        value(tr, "path", "text").indexOf(text) >= 0;
      tr.hidden = !on;
      docs[parseInt(tr.dataset.doc, 10)].hidden = !on;
      if (on) { count += 1; }
    });
    document.getElementById("index-count").textContent = String(count);
    applyFilters();
  }
  if (verdict) {
    [verdict, low, high, path].forEach(function (el) {
      el.addEventListener("input", applyIndex);
      el.addEventListener("change", applyIndex);
    });
    document.getElementById("expand-all").addEventListener("click", function () {
      docs.forEach(function (d) { if (!d.hidden) { d.open = true; } });
    });
    document.getElementById("collapse-all").addEventListener("click", function () {
      docs.forEach(function (d) { d.open = false; });
    });
  }
  applyFilters();
})();
