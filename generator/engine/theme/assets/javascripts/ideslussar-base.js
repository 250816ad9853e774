/* Material's page helpers, as upstream's partials/javascripts/base.html defines them inline,
   loaded from this file so the Content-Security-Policy can forbid inline scripts. The scope
   (the site's root, relative to the page) comes from the script element. Then a small
   ResizeObserver stand-in: browsers from before 2020 lack it, and Material would fetch a
   polyfill from unpkg.com; this one reports sizes on window resizes instead. */
__md_scope=new URL(document.currentScript.getAttribute("data-scope"),location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}};
window.ResizeObserver||(window.ResizeObserver=function(c){var t=[],o=this;function f(){t.length&&c(t.map(function(e){return{target:e,contentRect:e.getBoundingClientRect()}}),o)}addEventListener("resize",f);o.observe=function(e){t.push(e);setTimeout(f)};o.unobserve=function(e){t=t.filter(function(x){return x!==e})};o.disconnect=function(){t=[]}});
/* Before the first paint: scripts run (`js`); and the overview (ideslussar/index.html, the
   generator's urls.OVERVIEW) opened from a filtered link (any parameter: the filters are
   declared in site/facets.py, not here) keeps its list hidden until the filter has run, at
   the latest until the page has loaded (`ides-pending`). A page opened from disk cannot
   search (ideslussar-config.js): `ides-from-disk` hides the search box. */
!function(h){h.classList.add("js");location.protocol==="file:"&&h.classList.add("ides-from-disk");/(^|\/)ideslussar\/(index\.html)?$/.test(location.pathname)&&/[?&][^&=]+=/.test(location.search)&&(h.classList.add("ides-pending"),addEventListener("load",function(){h.classList.remove("ides-pending")}))}(document.documentElement);
