/* Two fixes to Material's page, from a file so the Content-Security-Policy can forbid inline
   scripts (the menu's name comes from the script element's data-nav-label).
   Material's skip link leads to the first heading of the table of contents. On case pages the
   title is written as HTML, outside the contents, so that is the first section, past the
   title, the summary and the facts; lead it to the page's title instead.
   Material's menu button (narrow screens, and wide ones zoomed in) is a <label> for a hidden
   checkbox: mouse and touch only. Make it a button for the keyboard too (WCAG 2.1.1): in the
   tab order, named, saying whether the menu is open, opened with Enter (Material already
   clicks a focused label on Enter) or Space, and closed with Escape, which returns focus to
   it. */
!function(){var k=document.querySelector(".md-skip"),h=document.querySelector(".md-content h1[id]");k&&h&&k.setAttribute("href","#"+h.id)}();
!function(l){var t=document.getElementById("__drawer"),b=document.querySelector('.md-header label[for="__drawer"]');if(!t||!b)return;b.setAttribute("role","button");b.setAttribute("tabindex","0");b.setAttribute("aria-label",l);function s(){b.setAttribute("aria-expanded",t.checked?"true":"false")}s();t.addEventListener("change",s);b.addEventListener("keydown",function(e){if(e.key===" "){e.preventDefault();b.click()}});document.addEventListener("keydown",function(e){if(e.key==="Escape"&&t.checked){t.checked=!1;t.dispatchEvent(new Event("change"));b.focus()}})}(document.currentScript.getAttribute("data-nav-label"));
