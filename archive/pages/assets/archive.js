// Material's search panel is a dialog without a name: give it one, so screen
// readers announce it (axe-core: aria-dialog-name).
(function () {
  var search = document.querySelector(".md-search[role=dialog]");
  if (search && !search.getAttribute("aria-label")) search.setAttribute("aria-label", "Search the archive");
})();

// Glossary tooltips on touch screens: the first tap on a term brings it into
// view and shows its short definition (Material's tooltip, which follows
// focus); a second tap on the same term opens its page. A tap anywhere else
// starts over. With a mouse or a keyboard, hover and focus already show it.
(function () {
  var touch = window.matchMedia && window.matchMedia("(hover: none)").matches;
  if (!touch) return;
  var armed = null;
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.archive-term");
    if (!link) {
      armed = null;
      return;
    }
    if (link !== armed) {
      event.preventDefault();
      armed = link;
      link.scrollIntoView({ block: "center" });
      link.focus({ preventScroll: true });
    }
  });
})();

// The numbered capture in a cleaning report: pymdownx draws each line number
// with CSS (so copying the text leaves the numbers out), which leaves its link
// with no text for a screen reader: name it (axe-core: link-name).
(function () {
  var links = document.querySelectorAll('a[href^="#__codelineno-"]');
  for (var i = 0; i < links.length; i++) {
    var number = links[i].getAttribute("href").split("-").pop();
    links[i].setAttribute("aria-label", "Line " + number);
  }
})();
