/* kgbuild site search: loads search/XXXX.js for the first two bytes
   of the query's first word; rows are [label, id, class]. */
(function () {
  'use strict';
  var box = document.getElementById('search');
  if (!box || typeof kgBuckets === 'undefined') return;
  var input = document.getElementById('q');
  var form = document.getElementById('search-form');
  var status = document.getElementById('search-status');
  var list = document.getElementById('results');
  var loaded = {}, asked = {};
  var stop = {of: 1, and: 1, the: 1, 'for': 1, to: 1, 'in': 1, on: 1,
              at: 1, de: 1}; /* not in the index: site.c */
  function fold(s) {
    return s.replace(/[A-Z]/g, function (c) { return c.toLowerCase(); });
  }
  function words(s) {
    return fold(s).split(/[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+/)
      .filter(function (w) { return w.length > 0; });
  }
  function hex(w) {
    var b = new TextEncoder().encode(w), h = '';
    for (var i = 0; i < Math.min(8, b.length); i++)
      h += (b[i] < 16 ? '0' : '') + b[i].toString(16);
    return h;
  }
  function matches(row, q) {
    var have = words(row[0]).concat(words(row[1]));
    return q.every(function (w) {
      return have.some(function (h) { return h.indexOf(w) === 0; });
    });
  }
  function show(rows, q) {
    while (list.firstChild) list.removeChild(list.firstChild);
    var found = rows.filter(function (r) { return matches(r, q); });
    /* names that start with the query first, then the shorter */
    var rank = function (r) { return fold(r[0]).indexOf(q[0]) === 0 ? 0 : 1; };
    found.sort(function (x, y) {
      return rank(x) - rank(y) || x[0].length - y[0].length ||
        (x[1] < y[1] ? -1 : 1);
    });
    found.slice(0, 100).forEach(function (r) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = 'e/' + encodeURIComponent(r[1]) + '.html';
      a.textContent = r[0];
      var c = document.createElement('span');
      c.className = 'count';
      c.textContent = ' ' + r[2] + ' \u00b7 ' + r[1];
      li.appendChild(a);
      li.appendChild(c);
      list.appendChild(li);
    });
    status.textContent = found.length === 1 ? '1 entity found'
      : found.length + ' entities found' +
        (found.length > 100 ? ', the first 100 shown' : '');
  }
  function run() {
    var q = words(input.value);
    if (!q.length || !q.some(function (w) {
          return new TextEncoder().encode(w).length >= 2; })) {
      while (list.firstChild) list.removeChild(list.firstChild);
      status.textContent = q.length ? 'Type two letters or more.' : '';
      return;
    }
    var key = q.filter(function (w) { return !stop[w]; })
      .sort(function (x, y) { return y.length - x.length; })[0] || q[0];
    /* every file whose words may start with the key word: its key
       a prefix of the word's, or the word's a prefix of its key */
    var h = hex(key);
    var keys = kgBuckets.filter(function (k) {
      return k.indexOf(h) === 0 || h.indexOf(k) === 0;
    });
    if (keys.length > 64) {
      status.textContent = 'Type more letters.';
      return;
    }
    var missing = keys.filter(function (k) { return !loaded[k]; });
    missing.forEach(function (k) {
      if (asked[k]) return;
      asked[k] = true;
      var s = document.createElement('script');
      s.src = 'search/' + k + '.js';
      document.head.appendChild(s);
    });
    if (missing.length) return; /* kgSearch.add runs this again */
    var rows = [], seen = {};
    keys.forEach(function (k) {
      loaded[k].forEach(function (r) {
        if (!seen[r[1]]) { seen[r[1]] = true; rows.push(r); }
      });
    });
    show(rows, q);
  }
  window.kgSearch = { add: function (b, rows) { loaded[b] = rows; run(); } };
  box.hidden = false;
  input.addEventListener('input', run);
  form.addEventListener('submit', function (e) { e.preventDefault(); run(); });
  var m = /[?&]q=([^&]*)/.exec(location.search);
  if (m) { input.value = decodeURIComponent(m[1].replace(/\+/g, ' ')); run(); }
}());
