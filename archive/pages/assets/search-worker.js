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
  const found = [...new Set(tokens(`${data.meta.title || ""} ${data.content}`))]
  return wanted.every(typed => found.some(word => word.startsWith(typed)))
}

function escapeHTML(text) {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
}

/* One Material result item per page: its title, and Pagefind's excerpt (HTML
   with the query's words in <mark>) as the teaser. Only pages that hold every
   word are given (see holds), so no word is reported missing. */
function item(data, rank, terms) {
  return {
    location: data.url,
    title: escapeHTML(data.meta.title || data.url),
    text: `<p>${data.excerpt}</p>`,
    score: RESULTS - rank,
    terms: Object.fromEntries(terms.map(term => [term, true]))
  }
}

/* The pages among Pagefind's results that hold every word, best first, up to
   RESULTS. Results are read in batches of RESULTS fragments, SCANNED at most; a
   batch of which no page holds the words ends the scan: Pagefind has fallen
   back to a shorter word for the whole index, and the pages after it are no
   better. */
async function matching(results, wanted) {
  const kept = []
  for (let start = 0; start < Math.min(results.length, SCANNED) && kept.length < RESULTS; start += RESULTS) {
    const batch = await Promise.all(results.slice(start, start + RESULTS).map(r => r.data()))
    const good = batch.filter(data => holds(data, wanted))
    if (!good.length)
      break
    kept.push(...good)
  }
  return kept.slice(0, RESULTS)
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
  const search = await pf.search(terms.join(" "))
  const found = await matching(search.results, wanted)
  return { items: found.map((data, rank) => [item(data, rank, terms)]) }
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
