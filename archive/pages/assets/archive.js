// Glossary tooltips on touch screens: the first tap on a term shows its short
// definition (Material's tooltip, which follows focus); a second tap opens the
// term's page. With a mouse or a keyboard, hover and focus already show it.
(function () {
  var touch = window.matchMedia && window.matchMedia("(hover: none)").matches;
  if (!touch) return;
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.archive-term");
    if (!link) return;
    if (link.getAttribute("data-archive-tapped") !== "1") {
      event.preventDefault();
      document.querySelectorAll("a[data-archive-tapped]").forEach(function (other) {
        other.removeAttribute("data-archive-tapped");
      });
      link.setAttribute("data-archive-tapped", "1");
      link.focus();
    }
  });
})();
