/* With the archive plugin's `search: pagefind`, Material shows "N matching
   documents" for the N results the search worker gives it, which are only the
   best 20: the worker puts the whole count and the count by kind on the first
   result (data-archive-count, -kinds, -exact), and this writes them in the
   result list's heading, in Material's own words: "45 matching documents: 44
   articles, 1 glossary term" when the worker read every result, else "1,003
   matching documents (20 shown: 18 articles, 2 glossary terms)". */
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
    var shown = 0
    var kinds = (first.dataset.archiveKinds || "").split(" ").filter(Boolean).map(function (pair) {
      var parts = pair.split(":"), n = +parts[1], name = KINDS[parts[0]] || KINDS.page
      shown += n
      return number(n) + " " + name[n === 1 ? 0 : 1]
    })
    var text = total === 1 ? one : other.replace("#", number(total))
    if (!kinds.length) meta.textContent = text
    else if (first.dataset.archiveExact === "true") meta.textContent = text + ": " + kinds.join(", ")
    else meta.textContent = text + " (" + number(shown) + " shown: " + kinds.join(", ") + ")"
  }).observe(list, { childList: true })
})()
