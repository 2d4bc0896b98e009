/* With the archive plugin's `search: pagefind`, Material's search box talks to
   the archive's worker (assets/search-worker.js, which asks Pagefind) instead
   of Material's own: Material reads the worker's address from its __config
   script, which runs before Material's bundle. A file, not an inline script,
   so the site needs no 'unsafe-inline' in its Content-Security-Policy. */
(function () {
  var script = document.getElementById("__config"), config = JSON.parse(script.textContent)
  config.search = document.currentScript.dataset.worker
  script.textContent = JSON.stringify(config)
})()
