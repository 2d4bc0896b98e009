/* Moved out of the page (Material for MkDocs, partials/javascripts/content.html, content.tabs.link) so the site runs under a
   Content-Security-Policy without 'unsafe-inline'; tests/test_csp.py checks it
   still matches Material's. */
var tabs=__md_get("__tabs");if(Array.isArray(tabs))e:for(var set of document.querySelectorAll(".tabbed-set")){var labels=set.querySelector(".tabbed-labels");for(var tab of tabs)for(var label of labels.getElementsByTagName("label"))if(label.innerText.trim()===tab){var input=document.getElementById(label.htmlFor);input.checked=!0;continue e}}
