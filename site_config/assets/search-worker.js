// The briefing's search worker: answers Material's search box from the site's Pagefind
// index. It speaks the theme's worker messages (setup, ready, query, result), so the
// theme's search box, results list, keys and term highlighting stay as they are, and
// fetches only the index chunks of the words typed and the fragments of the pages shown.
//
// Every title and excerpt is text: it is escaped here, and the only markup a result holds
// is the <mark> of a matched word, so nothing a page says becomes live in the results.
"use strict";

const SETUP = 0;
const READY = 1;
const QUERY = 2;
const RESULT = 3;
const SHOWN = 20; // pages whose fragments are fetched and listed
const SECTIONS = 2; // sections of a page shown before "more matches on this page"
const PAGEFIND = new URL("../../pagefind/pagefind.js", self.location.href).href;
const ENTRY = new URL("../../pagefind/pagefind-entry.json", self.location.href).href;

let pagefind = null;
let ready = false;
let latest = "";
let entry = null;

function escapeText(text) {
  return String(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

// Pagefind's excerpts are the page's text with '<' and '>' (only those) written as
// entities and <mark> around each match: read them back as text and marks, and write
// them again with nothing else live.
function unescapeText(text) {
  return String(text).replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}

function excerptHtml(excerpt) {
  return String(excerpt || "")
    .split(/(<mark>|<\/mark>)/)
    .map((part) => {
      if (part === "<mark>" || part === "</mark>") return part;
      return escapeText(unescapeText(part));
    })
    .join("");
}

// The site's entry file, which names its index: it changes when the index is replaced.
async function fetchEntry() {
  try {
    const response = await fetch(`${ENTRY}?ts=${Date.now()}`);
    return response.ok ? await response.text() : "";
  } catch (error) {
    return "";
  }
}

async function loadPagefind() {
  if (pagefind === null) pagefind = await import(PAGEFIND);
  if (!ready) {
    const [text] = await Promise.all([fetchEntry(), pagefind.options({ excerptLength: 24 })]);
    await pagefind.init();
    entry = text;
    ready = true;
  }
  return pagefind;
}

// The index the worker holds is gone (a served site's, replaced after a save): load the
// site's index again.
async function reloadPagefind() {
  if (pagefind !== null && ready) await pagefind.destroy();
  ready = false;
  return loadPagefind();
}

// A query that finds nothing may have asked an index that is gone: a served site's index
// is replaced after each save. Then the worker loads the site's index and asks again.
async function indexReplaced() {
  return entry !== null && (await fetchEntry()) !== entry;
}

function sectionScore(section) {
  return (section.weighted_locations || section.locations || []).length;
}

// One page's group of results, as the theme lists them: the page, then its sections.
function pageItems(data, score, terms) {
  const title = escapeText((data.meta && data.meta.title) || data.url);
  const page = {
    location: data.url,
    title: title,
    text: excerptHtml(data.excerpt),
    score: score,
    terms: terms,
  };
  const sections = (data.sub_results || [])
    .filter((section) => section.url.includes("#") && section.url !== data.url)
    .map((section, order) => ({ section, order, hits: sectionScore(section) }))
    .sort((a, b) => b.hits - a.hits || a.order - b.order)
    .map(({ section }, rank) => ({
      location: section.url,
      title: escapeText(section.title || title),
      text: excerptHtml(section.excerpt),
      score: rank < SECTIONS ? score : score / 2,
      terms: terms,
    }));
  return [page, ...sections];
}

async function ask(engine, query, words) {
  const found = await engine.search(query);
  if (query !== latest || !found || !found.results) return null;
  const terms = Object.fromEntries(words.map((word) => [word.toLowerCase(), true]));
  const shown = found.results.slice(0, SHOWN);
  const pages = await Promise.all(shown.map((result) => result.data()));
  return {
    items: pages.map((data, i) => pageItems(data, shown[i].score * 100, terms)),
  };
}

async function search(query) {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { items: [] };
  let result;
  try {
    result = await ask(await loadPagefind(), query, words);
  } catch (error) {
    return ask(await reloadPagefind(), query, words);
  }
  if (result !== null && result.items.length === 0 && (await indexReplaced())) {
    return ask(await reloadPagefind(), query, words);
  }
  return result;
}

self.addEventListener("message", async (event) => {
  const message = event.data;
  if (message.type === SETUP) {
    self.postMessage({ type: READY });
  } else if (message.type === QUERY) {
    latest = message.data;
    try {
      const result = await search(message.data);
      if (result !== null && message.data === latest) {
        self.postMessage({ type: RESULT, data: result });
      }
    } catch (error) {
      // No index (a server that has not made its first one yet) or none that answers.
      if (message.data === latest) self.postMessage({ type: RESULT, data: { items: [] } });
      console.error("search:", error);
    }
  }
});
