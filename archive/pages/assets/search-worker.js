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
let loading = null  /* Pagefind, ready with every bundle merged: one promise, so no query runs on half of them */
let latest = 0  /* the newest query: an older one's late answer is dropped */

/* The archive's other search bundles (pagefind-1/, pagefind-2/, ...: a large
   archive's articles, indexed in parts so that indexing one never needs the
   memory of all), named in pagefind/shards.json; none for a small archive. */
async function shards() {
  const listed = new URL("pagefind/shards.json", site)
  try {
    const answer = await fetch(listed)
    return answer.ok ? (await answer.json()).map(path => new URL(path, listed).href) : []
  } catch (error) {
    return []
  }
}

function load() {
  loading ||= (async () => {
    const [pagefind, others] = await Promise.all([import(new URL("pagefind/pagefind.js", site).href), shards()])
    /* A term's names (metadata the build writes on its page) outweigh every
       other field: "court" gives the terms named "court" first, not 36th of
       1,003 results as by default (measured on 1,000 synthetic articles). */
    const options = { baseUrl: site.pathname, ranking: { metaWeights: { names: 20 } } }
    await pagefind.options(options)
    await pagefind.init(language)
    for (const bundle of others) await pagefind.mergeIndex(bundle, options)
    return pagefind
  })().catch(error => {
    loading = null  /* the next query tries again */
    throw error
  })
  return loading
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

/* What a page is, shown as a tag on its result, read from its address in the
   site's layout: articles/<id>/ and glossary/<id>/ (or .../index.html and
   glossary/<id>.html without directory URLs). Not a Pagefind filter: Pagefind
   writes its filter index in an order that changes between runs, and builds
   must be byte-identical. */
const KINDS = { article: "Article", term: "Glossary term", page: "Page" }

function kind(data) {
  const path = new URL(data.url, site).pathname.slice(site.pathname.length)
  if (/^articles\/[^/]+\/(index\.html)?$/.test(path))
    return "article"
  if (/^glossary\/[^/]+(\/|\/index\.html|\.html)$/.test(path) && path !== "glossary/index.html")
    return "term"
  return "page"
}

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
   are only the best RESULTS: the first result carries the whole count and the
   count by kind (of every result when all were read, else of those shown), and
   assets/javascripts/search-count.js writes it in Material's place. */
function counted(count) {
  const kinds = Object.entries(count.kinds).filter(([, n]) => n > 0).map(([k, n]) => `${k}:${n}`).join(" ")
  return ` data-archive-count="${count.total}" data-archive-kinds="${kinds}" data-archive-exact="${count.exact}"`
}

/* The pages among Pagefind's results that hold every word, best first, up to
   RESULTS, and how many of all its results hold them. Results are read in
   batches of RESULTS fragments, SCANNED at most; a batch of which no page holds
   the words ends the scan: Pagefind has fallen back to a shorter word for the
   whole index, and the pages after it are no better. The count is exact when
   every result was read; otherwise it is Pagefind's count less the pages read
   that lack a word (those its stemming adds: "raids" also finds "raid"), and
   only the pages read are counted by kind. */
async function matching(search, wanted) {
  const results = search.results, kept = []
  let scanned = 0, fellBack = false
  while (scanned < Math.min(results.length, SCANNED) && kept.length < RESULTS) {
    const batch = await Promise.all(results.slice(scanned, scanned + RESULTS).map(r => r.data()))
    scanned += batch.length
    const good = batch.filter(data => holds(data, wanted))
    if (!good.length) {
      fellBack = true
      break
    }
    kept.push(...good)
  }
  const shown = kept.slice(0, RESULTS)
  const kinds = { article: 0, term: 0, page: 0 }
  const exact = fellBack || scanned === results.length
  for (const data of exact ? kept : shown)
    kinds[kind(data)] += 1
  const total = exact ? kept.length : results.length - (scanned - kept.length)
  return { kept: shown, count: { total, kinds, exact } }
}

/* Results grouped by kind: the glossary terms the query names first, then
   articles, then other terms, then other pages; Pagefind's order within each. */
const ORDER = { named: 0, article: 1, term: 2, page: 3 }

function grouped(found, wanted) {
  return found.map((data, i) => [data, named(data, wanted) ? "named" : kind(data), i])
    .sort(([, a, i], [, b, j]) => ORDER[a] - ORDER[b] || i - j)
    .map(([data]) => data)
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
  const found = await matching(await pf.search(terms.join(" ")), wanted)
  const shown = grouped(found.kept, wanted)
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
