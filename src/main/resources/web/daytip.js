
(function () {
  var tip = document.getElementById('day-tip');
  var dates = tip.dataset.dates.split('|'), n = dates.length;
  function fill(pattern, args) {
    return pattern.replace(/\{(\d+)\}/g, function (m, i) { return String(args[+i]); });
  }
  function decode(bar) {
    if (!bar.uptime) {
      var days = [];
      bar.dataset.days.split(',').forEach(function (entry) {
        var parts = entry.split('*'), times = parts.length > 1 ? +parts[1] : 1;
        var value = parts[0] ? parts[0].split('-').map(Number) : null;
        for (var k = 0; k < times; k++) days.push(value);
      });
      bar.uptime = { days: days, incidents: JSON.parse(bar.dataset.incidents || '[]') };
    }
    return bar.uptime;
  }
  function label(bar, i) {
    var u = decode(bar), day = u.days[i], text, names = [];
    if (!day) {
      text = fill(tip.dataset.none, [dates[i]]);
    } else {
      var checks = day[0], failed = day[1] || 0;
      text = fill(tip.dataset.day, [dates[i], ((checks - failed) / checks * 100).toFixed(2).replace('.', tip.dataset.decimal), failed, checks]);
    }
    u.incidents.forEach(function (r) { if (i >= r[0] && i <= r[1]) names = names.concat(r.slice(2)); });
    return names.length ? fill(tip.dataset.inc, [text, names.join(', ')]) : text;
  }
  function first(bar) {
    return n - (parseInt(getComputedStyle(bar).getPropertyValue('--shown'), 10) || n);
  }
  function show(bar, i) {
    i = Math.max(first(bar), Math.min(n - 1, i));
    bar.day = i;
    var strip = bar.firstElementChild, r = strip.getBoundingClientRect(), b = bar.getBoundingClientRect();
    strip.style.setProperty('--sel', i);
    strip.classList.add('sel');
    tip.textContent = label(bar, i);
    tip.hidden = false;
    var x = r.left + (i + 0.5) * r.width / n, w = tip.offsetWidth;
    var left = Math.max(4, Math.min(document.documentElement.clientWidth - w - 4, x - w / 2));
    tip.style.left = (left + window.scrollX) + 'px';
    tip.style.top = (b.top + window.scrollY - tip.offsetHeight - 6) + 'px';
  }
  function hide(bar) {
    bar.firstElementChild.classList.remove('sel');
    tip.hidden = true;
  }
  function at(bar, event) {
    var r = bar.firstElementChild.getBoundingClientRect();
    return Math.floor((event.clientX - r.left) / r.width * n);
  }
  document.querySelectorAll('.bar[data-days]').forEach(function (bar) {
    bar.tabIndex = 0;
    bar.setAttribute('aria-describedby', 'day-tip');
    bar.setAttribute('aria-label', bar.getAttribute('aria-label') + '. ' + tip.dataset.help);
    bar.addEventListener('pointermove', function (e) { show(bar, at(bar, e)); });
    bar.addEventListener('pointerdown', function (e) { show(bar, at(bar, e)); });
    bar.addEventListener('pointerleave', function () { if (document.activeElement !== bar) hide(bar); });
    bar.addEventListener('focus', function () { show(bar, bar.day == null ? n - 1 : bar.day); });
    bar.addEventListener('blur', function () { hide(bar); });
    bar.addEventListener('keydown', function (e) {
      var moves = { ArrowLeft: -1, ArrowRight: 1, Home: -n, End: n };
      if (e.key === 'Escape') {
        hide(bar);
      } else if (e.key in moves) {
        e.preventDefault();
        show(bar, (bar.day == null ? n - 1 : bar.day) + moves[e.key]);
      }
    });
  });
})();
