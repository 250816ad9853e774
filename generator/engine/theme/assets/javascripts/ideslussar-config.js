/* Search runs in the project's worker, which fetches only the shards of the index a query
   needs (see workers/ideslussar-search.js and generator/engine/search_index.py) instead of
   Material's, which downloads every page's text. Runs after Material's configuration element
   and before its bundle reads it; a file, not an inline script, so the
   Content-Security-Policy can forbid inline scripts. */
!function(){var e=document.getElementById("__config"),c=JSON.parse(e.textContent);c.search=new URL("workers/ideslussar-search.js",document.currentScript.src).href;e.textContent=JSON.stringify(c)}();
