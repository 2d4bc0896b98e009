/* Moved out of the page (Material for MkDocs, partials/javascripts/content.html) so the site runs under a
   Content-Security-Policy without 'unsafe-inline'; tests/test_csp.py checks it
   still matches Material's. */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
