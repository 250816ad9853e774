/*
 * The overview of idéslussar and the comparison table, made interactive.
 *
 * Overview: without JavaScript every case is listed (and a notice says filtering needs it);
 * with it, the reader ticks any number of counties, themes, statuses, calls and sizes and a range of
 * years. Within one group any ticked option will do; the groups must all hold. The address
 * keeps the choice (?county=14,18&from=2018), so a view can be shared and the language switch
 * carries it to the other language. The count, the lead, the map and the numbers beside each
 * option follow the filter; when nothing matches, the page says why and offers to clear.
 *
 * Table: the column headings become buttons that sort the rows.
 *
 * Every label and message comes from the page (translated there); nothing is written here.
 * The two pages load this script themselves, at their end.
 */
(function () {
  "use strict";

  var FACETS = ["county", "theme", "status", "call", "count"];
  var NARROW = "(max-width: 59.9375em)";

  function words(value) {
    return (value || "").split(" ").filter(Boolean);
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? values[key] : all;
    });
  }

  /* The circle's radius for a count: as sweden_map.radius draws it. */
  function radius(count) {
    return Math.round((4 + 3 * Math.sqrt(Math.max(count - 1, 0))) * 10) / 10;
  }

  function setUpOverview() {
    var form = document.getElementById("ides-filters");
    var list = document.getElementById("ides-list");
    if (!form || !list) return;
    var items = Array.prototype.slice.call(list.children);
    var count = document.getElementById("ides-count");
    var lead = document.getElementById("ides-lead-count");
    var leadText = lead ? lead.textContent : "";
    var empty = document.getElementById("ides-empty");
    var toggle = document.getElementById("ides-filters-toggle");
    var toggleText = toggle.textContent;
    var map = document.querySelector(".ides-browse__map svg");
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var from = form.elements.from, to = form.elements.to;

    /* What each case offers the filters, read once. */
    var cases = items.map(function (item) {
      var years = (item.dataset.y || " ").split(" ");
      return {
        item: item,
        county: words(item.dataset.c),
        theme: words(item.dataset.t),
        status: [item.dataset.s],
        call: [item.dataset.k],
        n: parseInt(item.dataset.n, 10),
        start: parseInt(years[0], 10),
        end: parseInt(years[1], 10)
      };
    });

    function chosen() {
      var want = { county: [], theme: [], status: [], call: [], count: [] };
      boxes.forEach(function (box) {
        if (box.checked) want[box.name].push(box.name === "theme" ? box.dataset.code : box.value);
      });
      want.from = from.value ? +from.value : null;
      want.to = to.value ? +to.value : null;
      return want;
    }

    function sizeMatches(n, ranges) {
      return ranges.some(function (range) {
        var bounds = range.split("-");
        return n >= +bounds[0] && (!bounds[1] || n <= +bounds[1]);
      });
    }

    /* Whether a case passes every group but `except` (for the numbers beside its options). */
    function matches(c, want, except) {
      for (var i = 0; i < FACETS.length; i += 1) {
        var facet = FACETS[i], wanted = want[facet];
        if (facet === except || !wanted.length) continue;
        if (facet === "count") {
          if (!sizeMatches(c.n, wanted)) return false;
        } else if (!c[facet].some(function (v) { return wanted.indexOf(String(v)) >= 0; })) {
          return false;
        }
      }
      if (except !== "period" && (want.from !== null || want.to !== null)) {
        /* Active in the chosen years; a case with no known period is out, one with no end
           is still active. */
        if (isNaN(c.start) && isNaN(c.end)) return false;
        if (want.from !== null && !isNaN(c.end) && c.end < want.from) return false;
        if (want.to !== null && !isNaN(c.start) && c.start > want.to) return false;
      }
      return true;
    }

    function activeCount(want) {
      return FACETS.reduce(function (sum, f) { return sum + want[f].length; }, 0) +
        (want.from !== null ? 1 : 0) + (want.to !== null ? 1 : 0);
    }

    function updateOptionCounts(want) {
      boxes.forEach(function (box) {
        var value = box.name === "theme" ? box.dataset.code : box.value;
        var n = cases.filter(function (c) {
          if (!matches(c, want, box.name)) return false;
          if (box.name === "count") return sizeMatches(c.n, [value]);
          return c[box.name].map(String).indexOf(value) >= 0;
        }).length;
        var label = box.parentNode.querySelector(".ides-facet__count");
        if (label) label.textContent = "(" + n + ")";
        box.parentNode.classList.toggle("ides-facet__option--none", n === 0 && !box.checked);
      });
    }

    function updateMap(shown) {
      if (!map) return;
      var perCounty = {};
      shown.forEach(function (c) {
        c.county.forEach(function (code) { perCounty[code] = (perCounty[code] || 0) + 1; });
      });
      Array.prototype.forEach.call(map.querySelectorAll("a[data-county]"), function (link) {
        var n = perCounty[link.dataset.county] || 0;
        link.style.display = n ? "" : "none";
        if (!n) return;
        var text = fill(n === 1 ? map.dataset.labelOne : map.dataset.labelOther,
                        { county: link.dataset.name, num: n });
        link.setAttribute("aria-label", text);
        link.querySelector("title").textContent = text;
        link.querySelector(".ides-map__dot").setAttribute("r", radius(n));
      });
    }

    /* The language switch leads to the same overview in the other language, same filter.
       Material's own handler of those links looks the address up in the sitemap, where no
       address has a query, and would send the reader to the other language's start page:
       the links are left to the browser. */
    Array.prototype.forEach.call(document.querySelectorAll(".md-select__link[hreflang]"),
      function (link) {
        link.addEventListener("click", function (event) { event.stopPropagation(); });
      });
    function updateLanguageLinks(query) {
      Array.prototype.forEach.call(document.querySelectorAll(".md-select__link[hreflang]"),
        function (link) {
          link.href = link.href.split("?")[0] + (query ? "?" + query : "");
        });
    }

    function apply(updateAddress) {
      /* A range given backwards (from 2020 to 2017) means the years between: turn it round. */
      if (from.value && to.value && +from.value > +to.value) {
        var later = from.value;
        from.value = to.value;
        to.value = later;
      }
      var want = chosen();
      var shown = cases.filter(function (c) { return matches(c, want); });
      cases.forEach(function (c) { c.item.hidden = shown.indexOf(c) < 0; });
      var active = activeCount(want);
      var values = { shown: shown.length, total: cases.length };
      count.textContent = fill(count.dataset.shown, values);
      if (lead) lead.textContent = active ? fill(lead.dataset.filtered, values) : leadText;
      empty.hidden = shown.length > 0;
      toggle.textContent = active ? fill(toggle.dataset.active, { num: active }) : toggleText;
      updateOptionCounts(want);
      updateMap(shown);
      var params = [];
      FACETS.forEach(function (facet) {
        var values = boxes.filter(function (b) { return b.name === facet && b.checked; })
          .map(function (b) { return b.value; });
        if (values.length) params.push(facet + "=" + values.map(encodeURIComponent).join(","));
      });
      if (from.value) params.push("from=" + from.value);
      if (to.value) params.push("to=" + to.value);
      var query = params.join("&");
      updateLanguageLinks(query);
      if (updateAddress) {
        history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
      }
    }

    function clear() {
      boxes.forEach(function (box) { box.checked = false; });
      from.value = "";
      to.value = "";
      apply(true);
    }

    /* The address's filter: values the page does not offer are left out. */
    var initial = new URLSearchParams(location.search);
    boxes.forEach(function (box) {
      var values = (initial.get(box.name) || "").split(",");
      box.checked = values.indexOf(box.value) >= 0;
    });
    [from, to].forEach(function (select) {
      var value = initial.get(select.name);
      if (value && Array.prototype.some.call(select.options, function (o) {
        return o.value === value;
      })) select.value = value;
    });

    function setOpen(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      form.classList.toggle("ides-filters--open", open);
    }
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    form.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && window.matchMedia(NARROW).matches &&
          toggle.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        toggle.focus();
      }
    });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function (event) {
      event.preventDefault();
      clear();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    document.getElementById("ides-empty-clear").addEventListener("click", function () {
      clear();
      count.focus();
    });
    apply(initial.toString() !== "");
    /* The page kept the list hidden while a filter from the address was pending (main.html). */
    document.documentElement.classList.remove("ides-pending");
  }

  function setUpTable() {
    var table = document.getElementById("ides-compare");
    if (!table) return;
    var body = table.tBodies[0];
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ides-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var number = th.dataset.type === "number";
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[column], number), y = key(b.cells[column], number);
          /* Rows without a value go last in either direction. */
          if (x === null || y === null) return x === y ? 0 : (x === null ? 1 : -1);
          var order = number ? x - y : x.localeCompare(y, document.documentElement.lang);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });

    function key(cell, number) {
      var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort")
        : cell.textContent.trim();
      if (raw === "") return null;
      if (!number) return raw;
      var value = parseFloat(raw.replace(/-/g, "."));
      return isNaN(value) ? null : value;
    }
  }

  function setUp() {
    setUpOverview();
    setUpTable();
  }

  /* The pages load this right after the list or table, so both are there: filtering now,
     before the page is first drawn, keeps a shared filtered link from jumping. */
  setUp();
})();
