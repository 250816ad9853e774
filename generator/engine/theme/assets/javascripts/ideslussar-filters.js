/*
 * Instant filters on the overview of idéslussar. Without JavaScript the form stays hidden and
 * every case is listed; with it, the reader combines county, theme, status, period and the
 * number of municipalities, and the address keeps the choice, so a filtered view can be shared.
 * Every label and message comes from the page (translated there); nothing is written here.
 */
(function () {
  "use strict";

  function setUp() {
    var form = document.getElementById("ides-filters");
    var list = document.getElementById("ides-list");
    if (!form || !list) return;
    var items = Array.prototype.slice.call(list.children);
    var count = document.getElementById("ides-count");
    var fields = ["county", "theme", "status", "from", "to", "count"];

    function words(value) {
      return (value || "").split(" ").filter(Boolean);
    }

    function matches(item, want) {
      if (want.county && words(item.dataset.c).indexOf(want.county) < 0) return false;
      if (want.themeCode && words(item.dataset.t).indexOf(want.themeCode) < 0) return false;
      if (want.status && item.dataset.s !== want.status) return false;
      var years = (item.dataset.y || " ").split(" ");
      var start = parseInt(years[0], 10), end = parseInt(years[1], 10);
      /* A period filter keeps the cases active in the chosen years; no known period is out. */
      if ((want.from || want.to) && isNaN(start) && isNaN(end)) return false;
      if (want.from && !isNaN(end) && end < +want.from) return false;
      if (want.to && !isNaN(start) && start > +want.to) return false;
      if (want.count) {
        var range = want.count.split("-"), n = parseInt(item.dataset.n, 10);
        if (n < +range[0] || (range[1] && n > +range[1])) return false;
      }
      return true;
    }

    function apply(updateAddress) {
      var want = {}, params = new URLSearchParams();
      fields.forEach(function (name) {
        want[name] = form.elements[name].value;
        if (want[name]) params.set(name, want[name]);
      });
      /* The list names themes by a short code; the option carries it. */
      var theme = form.elements.theme;
      want.themeCode = want.theme ? theme.options[theme.selectedIndex].dataset.code : "";
      var shown = 0;
      items.forEach(function (item) {
        var visible = matches(item, want);
        item.hidden = !visible;
        if (visible) shown += 1;
      });
      count.textContent = form.dataset.shown
        .replace("{shown}", shown).replace("{total}", items.length);
      if (updateAddress) {
        var query = params.toString();
        history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
      }
    }

    var initial = new URLSearchParams(location.search);
    fields.forEach(function (name) {
      var value = initial.get(name);
      var select = form.elements[name];
      if (value && Array.prototype.some.call(select.options, function (o) {
        return o.value === value;
      })) select.value = value;
    });
    form.hidden = false;
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () {
      setTimeout(function () { apply(true); }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply(false);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
