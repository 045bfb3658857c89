(function () {
  "use strict";
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.f"));
  var items = Array.prototype.slice.call(document.querySelectorAll("li.finding-item"));
  var panel = document.getElementById("details");
  var byId = {};
  items.forEach(function (li) { byId[li.dataset.id] = li; });

  function checked(name) {
    var out = {};
    document.querySelectorAll("input[name='" + name + "']").forEach(function (box) {
      out[box.value] = box.checked;
    });
    return out;
  }
  function visible(li, sev, cat, code) {
    return sev[li.dataset.severity] && cat[li.dataset.category] && (code === "" || code === li.dataset.code);
  }
  function applyFilters() {
    var sev = checked("severity"), cat = checked("category");
    var code = document.getElementById("filter-code").value;
    var shown = {}, count = 0;
    items.forEach(function (li) {
      var on = visible(li, sev, cat, code);
      li.hidden = !on;
      if (on) { shown[li.dataset.id] = true; count += 1; }
    });
    marks.forEach(function (m) {
      var on = m.dataset.ids.split(" ").some(function (id) { return shown[id]; });
      m.classList.toggle("off", !on);
      m.tabIndex = on ? 0 : -1;
      m.setAttribute("aria-hidden", on ? "false" : "true");
    });
    document.getElementById("shown-count").textContent = String(count);
  }

  function row(dl, term, value) {
    if (!value) { return; }
    var dt = document.createElement("dt"), dd = document.createElement("dd");
    dt.textContent = term; dd.textContent = value;
    dl.appendChild(dt); dl.appendChild(dd);
  }
  var current = [];
  function openDetails(ids, opener) {
    var sev = checked("severity"), cat = checked("category");
    var code = document.getElementById("filter-code").value;
    ids = ids.filter(function (id) { var li = byId[id]; return li && visible(li, sev, cat, code); });
    if (!ids.length) { return; }
    var body = document.getElementById("details-body");
    body.textContent = "";
    ids.forEach(function (id) {
      var d = byId[id].dataset;
      var h = document.createElement("h3");
      h.textContent = d.code + " " + d.name + " (" + d.severity + ")";
      var dl = document.createElement("dl");
      row(dl, "Message", d.message);
      row(dl, "Text", d.text);
      row(dl, "Suggestion", d.suggestions);
      row(dl, "Evidence", d.evidence);
      row(dl, "Category", d.category);
      row(dl, "Confidence", d.confidence);
      row(dl, "Position", d.position);
      body.appendChild(h); body.appendChild(dl);
    });
    current.forEach(function (m) { m.classList.remove("current"); });
    current = marks.filter(function (m) {
      return m.dataset.ids.split(" ").some(function (id) { return ids.indexOf(id) >= 0; });
    });
    current.forEach(function (m) { m.classList.add("current"); });
    panel.hidden = false;
    panel.opener = opener;
    if (opener && opener.tagName === "BUTTON" && current.length) {
      current[0].scrollIntoView({block: "center"});
    }
  }
  function closeDetails() {
    panel.hidden = true;
    current.forEach(function (m) { m.classList.remove("current"); });
    if (panel.opener) { panel.opener.focus(); }
  }

  marks.forEach(function (m) {
    m.addEventListener("click", function () { openDetails(m.dataset.ids.split(" "), m); });
    m.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault(); openDetails(m.dataset.ids.split(" "), m);
      }
    });
  });
  items.forEach(function (li) {
    var button = li.querySelector("button.finding");
    button.addEventListener("click", function () { openDetails([li.dataset.id], button); });
  });
  document.querySelectorAll("fieldset.filters input, fieldset.filters select").forEach(function (el) {
    el.addEventListener("change", applyFilters);
  });
  document.getElementById("details-close").addEventListener("click", closeDetails);
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !panel.hidden) { closeDetails(); }
  });
  applyFilters();
})();
