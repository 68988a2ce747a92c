// node search-stub.js SITE "query" [clicks]: runs the site's search.js against a stub DOM
// (no browser: the search's choice of key and its results, read as a reader would)
const fs = require('fs'), vm = require('vm');
const site = process.argv[2], query = process.argv[3], clicks = +(process.argv[4] || 0);
function el(tag) { return { tag, children: [], hidden: false, textContent: '', listeners: {},
  appendChild(c) { this.children.push(c); if (c.tag === 'script') load(c.src); return c; },
  removeChild(c) { this.children.splice(this.children.indexOf(c), 1); },
  get firstChild() { return this.children[0]; },
  insertBefore(c) { this.children.push(c); },
  addEventListener(t, f) { this.listeners[t] = f; }, parentNode: null, nextSibling: null }; }
const ids = { search: el('div'), q: el('input'), 'search-form': el('form'), 'search-status': el('p'), results: el('ol') };
ids['search-status'].parentNode = el('div');
const ctx = { document: { getElementById: i => ids[i], createElement: el, head: el('head') },
  location: { search: '' }, TextEncoder, window: null, console };
ctx.window = ctx; vm.createContext(ctx);
const queue = [];
function load(src) { queue.push(src); }
vm.runInContext(fs.readFileSync(site + '/search/buckets.js', 'utf8'), ctx);
vm.runInContext(fs.readFileSync(site + '/search.js', 'utf8'), ctx);
ids.q.value = query; ids.q.listeners.input();
function drain() { while (queue.length) { const s = queue.shift(); vm.runInContext(fs.readFileSync(site + '/' + s, 'utf8'), ctx); } }
drain();
const more = ids['search-status'].parentNode.children[0];
for (let i = 0; i < clicks; i++) { more.listeners.click(); drain(); }
console.log('status:', ids['search-status'].textContent);
console.log('results:', ids.results.children.map(li => li.children[0].textContent).slice(0, 10).join(' | '));
