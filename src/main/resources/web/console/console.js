// The console's own script: instant filtering, live state changes and keyboard shortcuts
// (the Markdown previews are htmx attributes in the pages).
// Served from the jar and allowed by its hash; the pages work without it.
(function () {
  "use strict";

  // ---- dashboard: filter as the operator types, in the same way as the server does ----
  var form = document.getElementById("filter");
  var table = document.getElementById("monitors");
  var rows = table ? Array.prototype.slice.call(table.tBodies[0].rows) : [];
  var byId = new Map();
  rows.forEach(function (row) { byId.set(row.dataset.id, row); });

  function wanted() {
    return {
      state: form.elements.state.value, tag: form.elements.tag.value, component: form.elements.component.value,
      type: form.elements.type.value, q: form.elements.q.value.trim().toLowerCase()
    };
  }

  function matches(row, f) {
    return (!f.state || row.dataset.state === f.state)
      && (!f.tag || (" " + row.dataset.tags + " ").indexOf(" " + f.tag + " ") >= 0)
      && (!f.component || row.dataset.component === f.component)
      && (!f.type || row.dataset.type === f.type)
      && (!f.q || row.dataset.words.indexOf(f.q) >= 0);
  }

  // Rows the server left out are not on the page: a filter that is not a narrowing of the served one asks the server.
  function narrows(f) {
    var served = form.dataset;
    return ["state", "tag", "component", "type"].every(function (k) { return !served[k] || served[k] === f[k]; })
      && (!served.q || f.q.indexOf(served.q) >= 0);
  }

  function query(f) {
    var params = new URLSearchParams();
    Object.keys(f).forEach(function (k) { if (f[k]) { params.set(k, f[k]); } });
    var text = params.toString();
    return "/console" + (text ? "?" + text : "");
  }

  function applyFilter() {
    var f = wanted();
    if (!narrows(f)) {
      window.location.assign(query(f));
      return;
    }
    var shown = 0;
    rows.forEach(function (row) {
      var show = matches(row, f);
      row.hidden = !show;
      if (show) { shown++; }
    });
    document.getElementById("shown").textContent = String(shown);
    history.replaceState(null, "", query(f));
  }

  if (form && table) {
    form.addEventListener("input", applyFilter);
    form.addEventListener("change", applyFilter);
    form.addEventListener("submit", function (e) { e.preventDefault(); applyFilter(); });
  }

  // ---- dashboard: state changes pushed by the server ----
  function count(state, delta) {
    var el = document.getElementById("count-" + state);
    if (el) { el.textContent = String(Number(el.textContent) + delta); }
  }

  if (table && window.EventSource) {
    var live = document.getElementById("live");
    var events = new EventSource("/console/events");
    var interrupted = false;
    events.addEventListener("hello", function () {
      if (interrupted) {
        live.textContent = "Live updates resumed; changes while they were away are not shown: reload to see them.";
      }
    });
    events.addEventListener("state", function (message) {
      var change = JSON.parse(message.data);
      count(change.from, -1);
      count(change.state, 1);
      var row = byId.get(change.id);
      if (!row) { return; }
      row.dataset.state = change.state;
      var badge = row.cells[1].firstElementChild;
      badge.className = "badge " + change.state;
      badge.textContent = change.state;
      if (change.checked_at) { row.querySelector(".age").textContent = "0 s"; }
      if (change.latency) { row.querySelector(".latency").textContent = change.latency; }
      var f = wanted();
      row.hidden = !matches(row, f);
      live.textContent = row.cells[0].textContent + " is " + change.state + ".";
    });
    events.addEventListener("dropped", function () { interrupted = true; });
    events.addEventListener("error", function () {
      interrupted = true;
      live.textContent = "Live updates interrupted; reconnecting.";
    });
  }

  // ---- alerts: move between episodes, acknowledge the selected one ----
  function episodes() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-episode]"));
  }

  function move(step) {
    var list = episodes();
    if (!list.length) { return; }
    var at = list.indexOf(document.activeElement.closest("[data-episode]"));
    var next = list[Math.max(0, Math.min(list.length - 1, at < 0 ? 0 : at + step))];
    next.focus();
  }

  function acknowledgeSelected() {
    var episode = document.activeElement.closest("[data-episode]") || episodes()[0];
    var ack = episode && episode.querySelector("form.ack button");
    if (ack) { ack.click(); }
  }

  // ---- keyboard shortcuts (never while typing in a field) ----
  var pendingG = false;
  document.addEventListener("keydown", function (e) {
    var target = e.target;
    if (e.ctrlKey || e.metaKey || e.altKey || target.isContentEditable
      || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) {
      if (e.key === "Escape" && target.blur) { target.blur(); }
      return;
    }
    if (pendingG) {
      pendingG = false;
      if (e.key === "a") { window.location.assign("/console/alerts"); e.preventDefault(); }
      if (e.key === "d") { window.location.assign("/console"); e.preventDefault(); }
      if (e.key === "i") { window.location.assign("/console/incidents"); e.preventDefault(); }
      if (e.key === "m") { window.location.assign("/console/maintenance"); e.preventDefault(); }
      return;
    }
    switch (e.key) {
      case "/": {
        var search = document.getElementById("q");
        if (search) { search.focus(); search.select(); e.preventDefault(); }
        break;
      }
      case "g": pendingG = true; setTimeout(function () { pendingG = false; }, 1500); break;
      case "j": move(1); break;
      case "k": move(-1); break;
      case "a": acknowledgeSelected(); break;
      case "i": window.location.assign("/console/incidents/new"); e.preventDefault(); break;
      case "?": {
        var help = document.getElementById("keys");
        if (help && help.showModal) { help.showModal(); }
        break;
      }
      default:
    }
  });
})();

// "Copy as YAML": the definition shown in the element a button names (data-copy), to the clipboard.
(function () {
  "use strict";
  document.addEventListener("click", function (e) {
    var button = e.target.closest ? e.target.closest("button[data-copy]") : null;
    if (!button || !navigator.clipboard) { return; }
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) { return; }
    navigator.clipboard.writeText(source.textContent).then(function () {
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = "Copy as YAML"; }, 2000);
    });
  });
})();
