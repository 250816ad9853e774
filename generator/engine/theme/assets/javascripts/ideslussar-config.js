/* Routes search through the project's worker, which stems the reader's words before
   Material's worker looks them up (see workers/ideslussar-search.js). Runs after Material's
   configuration element and before its bundle reads it; a file, not an inline script, so the
   Content-Security-Policy can forbid inline scripts. */
!function(){var e=document.getElementById("__config"),c=JSON.parse(e.textContent),w=new URL("workers/ideslussar-search.js",document.currentScript.src);c.search=w.href+"?material="+encodeURIComponent(c.search.split("/").pop());e.textContent=JSON.stringify(c)}();
