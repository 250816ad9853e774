/* Two fixes to Material's page, from a file so the Content-Security-Policy can forbid inline
   scripts (the menu's name comes from the script element's data-nav-label).
   Material's skip link leads to the first heading of the table of contents. On case pages the
   title is written as HTML, outside the contents, so that is the first section, past the
   title, the summary and the facts; lead it to the page's title instead.
   Material's menu button (narrow screens, and wide ones zoomed in) is a <label> for a hidden
   checkbox: mouse and touch only, and ARIA allows a label no other role. A real button takes
   its place (WCAG 2.1.1, 4.1.2): in the tab order, named, saying whether the menu is open, and
   closed with Escape, which returns focus to it. Without JavaScript the label stays.
   The 404 page's "Search the site" button opens Material's search.
   Material searches when a key is released in its search box (and when its worker is ready).
   Text that arrives with no key released, pasted from a menu, dictated, chosen from a phone
   keyboard's suggestions, was never searched: each change of the box's text is passed on to
   Material as a key release (Material skips a value it has already searched). */
!function(){var k=document.querySelector(".md-skip"),h=document.querySelector(".md-content h1[id]");k&&h&&k.setAttribute("href","#"+h.id)}();
!function(l){var t=document.getElementById("__drawer"),d=document.querySelector('.md-header label[for="__drawer"]');if(!t||!d)return;var b=document.createElement("button");b.type="button";b.className=d.className;b.id="ides-menu-button";b.setAttribute("aria-label",l);b.setAttribute("aria-controls","__drawer");b.innerHTML=d.innerHTML;d.parentNode.insertBefore(b,d);d.hidden=!0;function s(){b.setAttribute("aria-expanded",t.checked?"true":"false")}s();t.addEventListener("change",s);b.addEventListener("click",function(){t.checked=!t.checked;t.dispatchEvent(new Event("change"))});document.addEventListener("keydown",function(e){if(e.key==="Escape"&&t.checked){t.checked=!1;t.dispatchEvent(new Event("change"));b.focus()}})}(document.currentScript.getAttribute("data-nav-label"));
!function(){var b=document.getElementById("ides-open-search"),t=document.getElementById("__search");b&&t&&b.addEventListener("click",function(){t.checked=!0;t.dispatchEvent(new Event("change"));var i=document.querySelector(".md-search__input");i&&i.focus()})}();
!function(){var i=document.querySelector(".md-search__input");i&&i.addEventListener("input",function(){i.dispatchEvent(new Event("keyup"))})}();
