/* kgbuild site search: loads search/KEY.js for the keys the query's
   rarest word may start with; rows are [label, id, class]. */
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
  /* the rows of each key (buckets.js); a key of more than PAGE rows
     is split into pages KEY.js, KEY~2.js... (SEARCH_ROWS in site.c) */
  var PAGE = 1000, rowsOf = {}, depth = 1, last = '';
  kgBuckets.forEach(function (k, i) { rowsOf[k] = kgRows[i]; });
  function keysOf(w) {
    /* every file whose words may start with w: its key a prefix of
       the word's, or the word's a prefix of its key */
    var h = hex(w);
    return kgBuckets.filter(function (k) {
      return k.indexOf(h) === 0 || h.indexOf(k) === 0;
    });
  }
  function total(keys) {
    return keys.reduce(function (n, k) { return n + rowsOf[k]; }, 0);
  }
  var more = document.createElement('button');
  more.type = 'button';
  more.textContent = 'Search more';
  more.hidden = true;
  status.parentNode.insertBefore(more, status.nextSibling);
  more.addEventListener('click', function () { depth++; run(); });
  function run() {
    var q = words(input.value);
    if (input.value !== last) { depth = 1; last = input.value; }
    more.hidden = true;
    if (!q.length || !q.some(function (w) {
          return new TextEncoder().encode(w).length >= 2; })) {
      while (list.firstChild) list.removeChild(list.firstChild);
      status.textContent = q.length ? 'Type two letters or more.' : '';
      return;
    }
    /* looked up by its rarest word (the fewest rows), longest first */
    var key = q.filter(function (w) { return !stop[w]; })
      .sort(function (x, y) { return y.length - x.length; })
      .reduce(function (best, w) {
        return best === null || total(keysOf(w)) < total(keysOf(best))
          ? w : best;
      }, null) || q[0];
    var keys = keysOf(key);
    if (keys.length > 64) {
      status.textContent = 'Type more letters.';
      return;
    }
    var files = [];
    keys.forEach(function (k) {
      var pages = Math.ceil(rowsOf[k] / PAGE);
      for (var p = 1; p <= Math.min(depth, pages); p++)
        files.push(p > 1 ? k + '~' + p : k);
    });
    var missing = files.filter(function (f) { return !loaded[f]; });
    missing.forEach(function (f) {
      if (asked[f]) return;
      asked[f] = true;
      var s = document.createElement('script');
      s.src = 'search/' + f + '.js';
      document.head.appendChild(s);
    });
    if (missing.length) return; /* kgSearch.add runs this again */
    var rows = [], seen = {};
    files.forEach(function (f) {
      loaded[f].forEach(function (r) {
        if (!seen[r[1]]) { seen[r[1]] = true; rows.push(r); }
      });
    });
    show(rows, q);
    var all = total(keys), read = keys.reduce(function (n, k) {
      return n + Math.min(rowsOf[k], depth * PAGE); }, 0);
    if (read < all) {
      status.textContent += ' (of the first ' + read + ' of ' + all +
        ' names with \u201c' + key + '\u201d, the shortest first: add ' +
        'a word, or search more)';
      more.hidden = false;
    }
  }
  window.kgSearch = { add: function (b, rows) { loaded[b] = rows; run(); } };
  box.hidden = false;
  input.addEventListener('input', run);
  form.addEventListener('submit', function (e) { e.preventDefault(); run(); });
  var m = /[?&]q=([^&]*)/.exec(location.search);
  if (m) { input.value = decodeURIComponent(m[1].replace(/\+/g, ' ')); run(); }
}());
