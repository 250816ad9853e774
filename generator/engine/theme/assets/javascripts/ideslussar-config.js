/* Search runs in the project's worker, which fetches only the shards of the index a query
   needs (see workers/ideslussar-search.js and generator/engine/search_index.py) instead of
   Material's, which downloads every page's text. Runs after Material's configuration element
   and before its bundle reads it; a file, not an inline script, so the
   Content-Security-Policy can forbid inline scripts. */
!function(){var e=document.getElementById("__config"),c=JSON.parse(e.textContent);c.search=new URL("workers/ideslussar-search.js",document.currentScript.src).href;e.textContent=JSON.stringify(c)}();
/* A copy served at another address than the one it was built for (`make site` builds for
   http://localhost:8000/; see README), or opened from disk: Material reads the sitemap of every
   <link rel=alternate> (for a language switch the pages' own links already do), and a fetch to
   the address built in is refused by the Content-Security-Policy, two console errors a page.
   Links that point elsewhere than this origin are dropped before the bundle reads them; search
   engines read the published copy, where they stay. From disk nothing can be fetched and the
   search worker cannot start, so every alternate goes and Material does not set search up
   (its box is hidden: ideslussar-base.js marks the page `ides-from-disk`). */
!function(){var d=location.protocol==="file:";document.querySelectorAll("link[rel=alternate]").forEach(function(l){(d||new URL(l.href).origin!==location.origin)&&l.remove()});var f=d&&document.forms.namedItem("search");f&&f.removeAttribute("name")}();
