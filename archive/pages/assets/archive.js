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

// Tooltips open above what they explain (archive.css), over lines already
// read; one for something too close to the top of the window for that (under
// the header: a term in the first lines, the header's own buttons) opens
// below instead, where there is room. Material shows a tooltip on hover and
// on focus: the place is decided on the same events, before it appears.
(function () {
  var ROOM = 160; // px: a tooltip of four lines of body text on a phone
  function place(event) {
    var target = event.target;
    if (!target || !target.getBoundingClientRect) return;
    var header = document.querySelector(".md-header");
    var top = header ? header.getBoundingClientRect().bottom : 0;
    document.body.classList.toggle("archive-tooltip-below", target.getBoundingClientRect().top - top < ROOM);
  }
  document.addEventListener("mouseover", place);
  document.addEventListener("focusin", place);
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
