/*
 * Material for MkDocs' search box, answered by Pagefind.
 *
 * Material runs its search in a web worker it talks to with four messages
 * (setup, ready, query, result) and lets a site name its own worker: this is
 * one. Instead of Material's single index, which every reader downloads whole,
 * it asks Pagefind (site/pagefind/, written after the build), which loads only
 * the index chunks and page fragments a query needs. Material's box, result
 * list, keyboard handling and highlighting stay as they are.
 *
 * The worker lives at <site>/assets/search-worker.js, so the site's root is
 * one folder up from it: the site works under any sub-path.
 */
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const RESULTS = 20  /* the best matches shown: each costs one small fragment download */
const SCANNED = 5 * RESULTS  /* at most this many fragments read to find them */
const PAUSE = 150   /* ms of no typing before a query runs: no downloads for every keystroke
                       (Pagefind's own debouncedSearch would still fetch index chunks for
                       each prefix typed on the way: "c", "co", "cou"...) */

const site = new URL("../", self.location.href)
let language = "en"
let pagefind = null
let latest = 0  /* the newest query: an older one's late answer is dropped */

async function load() {
  if (!pagefind) {
    pagefind = await import(new URL("pagefind/pagefind.js", site).href)
    await pagefind.options({ baseUrl: site.pathname })
    await pagefind.init(language)
    await pagefind.filters()  /* the "kind" filter's index: every search then counts its results by kind */
  }
  return pagefind
}

/* Material sends the query in Lunr's syntax ("+word", "word*"): keep the words. */
function words(query) {
  return query.replace(/[+\-*~^:"]/g, " ").split(/\s+/).filter(Boolean)
}

/* A text's words as the match rule sees them: lower case, accents dropped, split
   at anything that is not a letter or a digit ("co-director" is "co", "director"). */
function tokens(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean)
}

/* The match rule: every word the reader typed begins a word of the page ("cou"
   finds "county"; "raid" finds "raids", "raids" does not find "raid"), as in
   Material's search of the offline copy. Pagefind, when no word of its index
   begins with a query word, falls back to a shorter prefix ("Overton" finds
   "over", "cojones" finds "co-director", "martian" finds "MART"): those pages
   hold none of the reader's words and are dropped here. */
function holds(data, wanted) {
  return covers(`${data.meta.title || ""} ${data.meta.byline || ""} ${data.content}`, wanted)
}

function covers(text, wanted) {
  const found = [...new Set(tokens(text))]
  return wanted.every(typed => found.some(word => word.startsWith(typed)))
}

/* What a page is (the build's "kind" filter), shown as a tag on its result. */
const KINDS = { article: "Article", term: "Glossary term", page: "Page" }
const kind = data => (data.filters?.kind || ["page"])[0]

/* A glossary term the query names: every word typed begins a word of its name,
   full name or another spelling ("Immigration and Customs Enforcement" names
   ICE, not HSI, whose page says it is part of ICE). */
function named(data, wanted) {
  return kind(data) === "term" && covers(data.meta.names || data.meta.title || "", wanted)
}

function escapeHTML(text) {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
}

/* One Material result item per page: its title, and Pagefind's excerpt (HTML
   with the query's words in <mark>) as the teaser. Only pages that hold every
   word are given (see holds), so no word is reported missing. */
function item(data, rank, terms, count) {
  return {
    location: data.url,
    title: escapeHTML(data.meta.title || data.url),
    text: `<p${count ? counted(count) : ""}>${data.excerpt}</p>`,
    tags: [KINDS[kind(data)] || KINDS.page],
    score: RESULTS - rank,
    terms: Object.fromEntries(terms.map(term => [term, true]))
  }
}

/* Material says "N matching documents" for the N results it is given, which
   are only the best RESULTS: the first result carries the whole count, by kind,
   and assets/javascripts/search-count.js writes it in Material's place. */
function counted(count) {
  const kinds = Object.entries(count.kinds).filter(([, n]) => n > 0).map(([k, n]) => `${k}:${n}`).join(" ")
  return ` data-archive-count="${count.total}" data-archive-kinds="${kinds}"`
}

/* The pages among Pagefind's results that hold every word, best first, up to
   RESULTS, and how many of all its results hold them. Results are read in
   batches of RESULTS fragments, SCANNED at most; a batch of which no page holds
   the words ends the scan: Pagefind has fallen back to a shorter word for the
   whole index, and the pages after it are no better. Past SCANNED, the count is
   Pagefind's, less the pages read that lack a word (the pages its stemming
   adds: "raids" also finds "raid"), by kind. */
async function matching(search, wanted) {
  const results = search.results, kept = [], dropped = {}
  let scanned = 0, fellBack = false
  while (scanned < Math.min(results.length, SCANNED) && kept.length < RESULTS) {
    const batch = await Promise.all(results.slice(scanned, scanned + RESULTS).map(r => r.data()))
    scanned += batch.length
    const good = batch.filter(data => holds(data, wanted))
    for (const data of batch)
      if (!good.includes(data))
        dropped[kind(data)] = (dropped[kind(data)] || 0) + 1
    if (!good.length) {
      fellBack = true
      break
    }
    kept.push(...good)
  }
  const kinds = {}
  for (const k of Object.keys(KINDS)) {
    const all = fellBack || scanned === results.length
      ? kept.filter(data => kind(data) === k).length
      : (search.filters?.kind?.[k] || 0) - (dropped[k] || 0)
    kinds[k] = Math.max(all, kept.filter(data => kind(data) === k).length)
  }
  const total = Object.values(kinds).reduce((a, b) => a + b, 0)
  return { kept: kept.slice(0, RESULTS), count: { total, kinds } }
}

/* Results grouped by kind: the glossary terms the query names first, then
   articles, then other terms, then other pages; Pagefind's order within each.
   The named terms are looked for among the terms alone, so that a term whose
   name is typed comes first even when thousands of articles outrank it. */
const ORDER = { article: 1, term: 2, page: 3 }

function grouped(found, terms, wanted) {
  const first = terms.filter(data => named(data, wanted))
  const urls = new Set(first.map(data => data.url))
  const rest = found.filter(data => !urls.has(data.url))
    .map((data, i) => [data, i])
    .sort(([a, i], [b, j]) => (ORDER[kind(a)] || 3) - (ORDER[kind(b)] || 3) || i - j)
    .map(([data]) => data)
  return [...first, ...rest].slice(0, RESULTS)
}

async function answer(query, mine) {
  const terms = words(query)
  const wanted = tokens(terms.join(" "))
  if (!wanted.length)
    return { items: [] }
  const pf = await load()
  await new Promise(resolve => setTimeout(resolve, PAUSE))
  if (mine !== latest)  /* the reader typed on: this query is not wanted */
    return null
  const typed = terms.join(" ")
  const [all, glossary] = await Promise.all([pf.search(typed), pf.search(typed, { filters: { kind: "term" } })])
  const found = await matching(all, wanted)
  const termPages = (await matching(glossary, wanted)).kept
  const shown = grouped(found.kept, termPages, wanted)
  return { items: shown.map((data, rank) => [item(data, rank, terms, rank === 0 && found.count)]) }
}

self.addEventListener("message", async event => {
  const message = event.data
  if (message.type === SETUP) {
    const lang = message.data?.config?.lang
    if (Array.isArray(lang) && lang.length)
      language = lang[0]
    self.postMessage({ type: READY })
  } else if (message.type === QUERY) {
    const mine = ++latest
    try {
      const data = await answer(message.data, mine)
      if (data && mine === latest)
        self.postMessage({ type: RESULT, data })
    } catch (error) {
      console.error("search:", error)
      self.postMessage({ type: RESULT, data: { items: [] } })
    }
  }
})
