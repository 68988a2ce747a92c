// check-site.mjs SITE_DIR [--hostile] [--axe PAGE]... [--search WORD=ID] [--shot PAGE=PNG]...
// Loads every page of a kgbuild site (--format=site) in headless Chromium
// (Debian's, driven by puppeteer-core) and prints one line per problem:
// a console error, an uncaught exception, a failed request, a request for
// anything outside the site, a dialog (alert), an internal link (href, with
// its #fragment) that does not resolve, and on each page given with --axe
// (one of each kind: axe takes seconds a page) every serious or critical
// axe-core violation.  --hostile also fails on any script element
// the site did not write (its two search scripts) and on window.__pwned.
// --search WORD=ID types WORD into the index's search box and fails unless
// a result links to e/ID.html.  --contains PAGE=TEXT fails unless the text
// the browser shows on PAGE (innerText) holds TEXT, literally.  Exit 0 when no problem was found.
import puppeteer from 'puppeteer-core';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, resolve, relative, dirname, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const root = resolve(args.shift());
const hostile = args.includes('--hostile');
const crawl = !args.includes('--no-crawl'); // --no-crawl: the searches and shots only
const searches = [], shots = [], axePages = new Set(), contains = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--axe') axePages.add(args[++i]);
  if (args[i] === '--contains') { const a = args[++i], k = a.indexOf('='); contains.push([a.slice(0, k), a.slice(k + 1)]); }
  if (args[i] === '--search') searches.push(args[++i].split('='));
  if (args[i] === '--shot') shots.push(args[++i].split('='));
}
const problems = [];
const say = (page, what) => problems.push(`${page}: ${what}`);

function pages(dir) {
  let out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(pages(p));
    else if (name.endsWith('.html')) out.push(p);
  }
  return out;
}

const all = crawl ? pages(root) : [...axePages].map(p => join(root, p));
const ids = new Map(); // page path -> Set of ids, filled as pages load
const links = [];      // [from page, href]
const browser = await puppeteer.launch({
  executablePath: process.env.KG_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'],
});
const axeSource = axePages.size ? readFileSync(join(here, 'node_modules/axe-core/axe.min.js'), 'utf8') : '';
const rootUrl = pathToFileURL(root).href + '/';

// One tab for every page (a new tab per page costs more than the page).
let rel = '';
const page = await browser.newPage();
page.on('console', m => { if (m.type() === 'error') say(rel, 'console error: ' + m.text()); });
page.on('pageerror', e => say(rel, 'exception: ' + e));
page.on('requestfailed', r => say(rel, 'failed request: ' + r.url()));
page.on('dialog', async d => { say(rel, 'dialog: ' + d.message()); await d.dismiss(); });
page.on('request', r => {
  if (!r.url().startsWith(rootUrl) && !r.url().startsWith('data:'))
    say(rel, 'request outside the site: ' + r.url());
});

async function visit(file, act) {
  rel = relative(root, file);
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  const found = await page.evaluate(() => ({
    ids: [...document.querySelectorAll('[id]')].map(e => e.id),
    hrefs: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
    scripts: [...document.scripts].map(s => s.getAttribute('src') || '(inline) ' + s.textContent.slice(0, 40)),
    pwned: typeof window.__pwned !== 'undefined',
  }));
  ids.set(file, new Set(found.ids));
  for (const h of found.hrefs) links.push([file, h]);
  if (hostile) {
    for (const s of found.scripts)
      if (s !== 'search.js' && s !== 'search/buckets.js') say(rel, 'a script the site did not write: ' + s);
    if (found.pwned) say(rel, 'a script of the facts ran (window.__pwned)');
  }
  if (axePages.has(rel)) {
    await page.evaluate(axeSource); // the page's CSP refuses a script tag
    const { violations } = await page.evaluate(async () => await axe.run());
    for (const v of violations)
      if (v.impact === 'serious' || v.impact === 'critical')
        say(rel, `axe ${v.id} (${v.impact}): ${v.nodes.length} element(s), ${v.help}`);
  }
  if (act) await act(page, rel);
}

for (const file of all) await visit(file);

// Internal links: a relative href names a file of the site, and its
// fragment an id of that page.
for (const [from, href] of links) {
  const from_ = relative(root, from);
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) {
    if (!/^https?:/i.test(href)) say(from_, 'a link that is not http(s) or relative: ' + href);
    continue;
  }
  const [path, frag] = href.split('#');
  const target = path ? resolve(dirname(from), decodeURIComponent(path)) : from;
  if (!target.startsWith(root + sep) || !existsSync(target)) {
    say(from_, 'broken link: ' + href);
    continue;
  }
  // (an anchor is checked on the pages loaded: all of them, unless --no-crawl)
  if (frag && ids.has(target) && !ids.get(target).has(decodeURIComponent(frag)))
    say(from_, 'link to a missing anchor: ' + href);
}

for (const [word, id] of searches) {
  await visit(join(root, 'index.html'), async () => {
    await page.type('#q', word);
    try {
      await page.waitForSelector(`#results a[href="e/${id}.html"]`, { timeout: 5000 });
    } catch (e) {
      say(rel, `search for "${word}" did not list e/${id}.html`);
    }
  });
}

for (const [file, text] of contains) {
  await visit(join(root, file), async () => {
    const shown = await page.evaluate(() => document.body.innerText);
    if (!shown.includes(text)) say(file, 'does not show ' + JSON.stringify(text));
  });
}

for (const [file, png] of shots) {
  await page.setViewport({ width: 1000, height: 900 });
  await page.goto(pathToFileURL(join(root, file)).href, { waitUntil: 'load' });
  if (file === 'index.html') {
    await page.type('#q', 'wang');
    await page.waitForSelector('#results a');
  }
  await page.screenshot({ path: png, fullPage: false });
}

await browser.close();
for (const p of problems) console.log(p);
console.log(`${all.length} pages, ${links.length} links, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
