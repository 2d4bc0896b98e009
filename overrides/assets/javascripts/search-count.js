/* With the archive plugin's `search: pagefind`, Material shows "N matching
   documents" for the N results the search worker gives it, which are only the
   best 20: the worker puts the whole count, by kind, on the first result
   (data-archive-count, data-archive-kinds), and this writes it in the result
   list's heading, in Material's own words, with the count of each kind:
   "2,314 matching documents: 2,300 articles, 2 glossary terms, 12 pages". */
(function () {
  var list = document.querySelector(".md-search-result__list")
  var meta = document.querySelector(".md-search-result__meta")
  if (!list || !meta) return
  var config = JSON.parse(document.getElementById("__config").textContent)
  var other = (config.translations || {})["search.result.other"] || "# matching documents"
  var one = (config.translations || {})["search.result.one"] || "1 matching document"
  var KINDS = { article: ["article", "articles"], term: ["glossary term", "glossary terms"], page: ["page", "pages"] }
  function number(n) { return n.toLocaleString("en-US") }
  new MutationObserver(function () {
    var first = list.querySelector("[data-archive-count]")
    if (!first) return
    var total = +first.dataset.archiveCount
    var kinds = (first.dataset.archiveKinds || "").split(" ").filter(Boolean).map(function (pair) {
      var parts = pair.split(":"), n = +parts[1], name = KINDS[parts[0]] || KINDS.page
      return number(n) + " " + name[n === 1 ? 0 : 1]
    })
    var text = total === 1 ? one : other.replace("#", number(total))
    meta.textContent = kinds.length ? text + ": " + kinds.join(", ") : text
  }).observe(list, { childList: true })
})()
