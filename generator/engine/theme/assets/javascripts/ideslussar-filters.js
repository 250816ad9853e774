/*
 * The overview of idéslussar and the comparison table, made interactive.
 *
 * Overview: without JavaScript every case is listed (and a notice says filtering needs it);
 * with it, the reader ticks any number of options in each filter, or chooses a range of years.
 * Within one group any ticked option will do; the groups must all hold. The address keeps the
 * choice (?county=14,18&from=2018), so a view can be shared and the language switch carries
 * it to the other language. The count, the lead, the map and the numbers beside each option
 * follow the filter; when nothing matches, the page says why and offers to clear.
 *
 * The filters are declared once, in the generator (site/facets.py, FILTERS); this script
 * knows none of them by name. It reads from the page:
 * - each filter's group: <fieldset data-filter="NAME" data-key="KEY" data-kind="any|period">,
 *   its checkboxes (name = the address's parameter, value = in the address, data-code = on
 *   the cards where it differs from the value) or, for a period, its two selects (from, to, in that order);
 * - each case's card: data-f-KEY="CODE CODE ..." (a period: "FIRST LAST", either may be ""),
 *   in groups of cards (the list's children: content-visibility works per group);
 * - the map: data-key names the filter whose codes its circles (a[data-code]) show.
 *
 * Table: the column headings become buttons that sort the rows. The rows come in groups (one
 * <tbody> each, so that the browser lays out only the groups near the screen); a sort orders
 * all rows and deals them back into the groups in that order, each group keeping its size.
 *
 * Every label and message comes from the page (translated there); nothing is written here.
 * The two pages load this script themselves, at their end.
 */
(function () {
  "use strict";

  var NARROW = "(max-width: 59.9375em)";

  function words(value) {
    return (value || "").split(" ").filter(Boolean);
  }

  /* What the cards carry for an option: its data-code, or its value when they agree. */
  function code(box) {
    return box.getAttribute("data-code") || box.value;
  }

  function list(nodes) {
    return Array.prototype.slice.call(nodes);
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
    var listed = document.getElementById("ides-list");
    if (!form || !listed) return;
    var count = document.getElementById("ides-count");
    var lead = document.getElementById("ides-lead-count");
    var leadText = lead ? lead.textContent : "";
    var empty = document.getElementById("ides-empty");
    var toggle = document.getElementById("ides-filters-toggle");
    var toggleText = toggle.textContent;
    var map = document.querySelector(".ides-browse__map svg[data-key]");

    /* The filters, as the page declares them. */
    var groups = list(form.querySelectorAll("fieldset[data-filter]")).map(function (set) {
      return {
        name: set.getAttribute("data-filter"),
        key: set.getAttribute("data-key"),
        period: set.getAttribute("data-kind") === "period",
        boxes: list(set.querySelectorAll("input[type=checkbox]")),
        fields: list(set.querySelectorAll("select"))
      };
    });
    var boxes = [], fields = [];
    groups.forEach(function (group) {
      boxes = boxes.concat(group.boxes);
      fields = fields.concat(group.fields);
    });

    /* What each case offers the filters, read once, when first needed (a thousand cards'
       attributes are not read while the page starts): codes, or a period's first and last
       year (NaN where unknown). */
    var cases = null;
    function readCases() {
      if (!cases) cases = list(listed.querySelectorAll("li.ides-card")).map(readCase);
      return cases;
    }
    function readCase(item) {
      var c = { item: item, values: {} };
      groups.forEach(function (group) {
        var data = item.getAttribute("data-f-" + group.key);
        if (group.period) {
          var years = (data || " ").split(" ");
          c.values[group.key] = [parseInt(years[0], 10), parseInt(years[1], 10)];
        } else {
          c.values[group.key] = words(data);
        }
      });
      return c;
    }

    /* The chosen codes of each group, or a period's bounds (null when not chosen). */
    function chosen() {
      var want = {};
      groups.forEach(function (group) {
        want[group.name] = group.period
          ? group.fields.map(function (field) { return field.value ? +field.value : null; })
          : group.boxes.filter(function (b) { return b.checked; })
            .map(code);
      });
      return want;
    }

    /* Active in the chosen years; a case with no known period is out, one with no end
       is still active. */
    function inPeriod(years, bounds) {
      var from = bounds[0], to = bounds[1], start = years[0], end = years[1];
      if (from === null && to === null) return true;
      if (isNaN(start) && isNaN(end)) return false;
      if (from !== null && !isNaN(end) && end < from) return false;
      if (to !== null && !isNaN(start) && start > to) return false;
      return true;
    }

    /* Whether a case passes every group but `except` (for the numbers beside its options). */
    function matches(c, want, except) {
      return groups.every(function (group) {
        var wanted = want[group.name], values = c.values[group.key];
        if (group.name === except) return true;
        if (group.period) return inPeriod(values, wanted);
        return !wanted.length || values.some(function (v) { return wanted.indexOf(v) >= 0; });
      });
    }

    function activeCount() {
      return boxes.filter(function (b) { return b.checked; }).length +
        fields.filter(function (f) { return f.value; }).length;
    }

    function updateOptionCounts(want) {
      groups.forEach(function (group) {
        group.boxes.forEach(function (box) {
          var boxCode = code(box);
          var n = cases.filter(function (c) {
            return c.values[group.key].indexOf(boxCode) >= 0 && matches(c, want, group.name);
          }).length;
          var label = box.parentNode.querySelector(".ides-facet__count");
          if (label) label.textContent = "(" + n + ")";
          box.parentNode.classList.toggle("ides-facet__option--none", n === 0 && !box.checked);
        });
      });
    }

    function updateMap(shown) {
      if (!map) return;
      var key = map.getAttribute("data-key"), perCode = {};
      shown.forEach(function (c) {
        (c.values[key] || []).forEach(function (v) { perCode[v] = (perCode[v] || 0) + 1; });
      });
      list(map.querySelectorAll("a[data-code]")).forEach(function (link) {
        var n = perCode[link.getAttribute("data-code")] || 0;
        link.style.display = n ? "" : "none";
        if (!n) return;
        var text = fill(n === 1 ? map.dataset.labelOne : map.dataset.labelOther,
                        { name: link.dataset.name, num: n });
        link.setAttribute("aria-label", text);
        link.querySelector("title").textContent = text;
        link.querySelector(".ides-map__dot").setAttribute("r", radius(n));
      });
    }

    /* The language switch leads to the same overview in the other language, same filter.
       Material's own handler of those links looks the address up in the sitemap, where no
       address has a query, and would send the reader to the other language's start page:
       the links are left to the browser. */
    list(document.querySelectorAll(".md-select__link[hreflang]")).forEach(function (link) {
      link.addEventListener("click", function (event) { event.stopPropagation(); });
    });
    function updateLanguageLinks(query) {
      list(document.querySelectorAll(".md-select__link[hreflang]")).forEach(function (link) {
        link.href = link.href.split("?")[0] + (query ? "?" + query : "");
      });
    }

    /* The address's form of the choice, in the form's order. */
    function address() {
      var params = [];
      groups.forEach(function (group) {
        var values = group.boxes.filter(function (b) { return b.checked; })
          .map(function (b) { return b.value; });
        if (values.length) params.push(group.name + "=" + values.map(encodeURIComponent).join(","));
        group.fields.forEach(function (field) {
          if (field.value) params.push(field.name + "=" + encodeURIComponent(field.value));
        });
      });
      return params.join("&");
    }

    function apply(updateAddress) {
      /* A range given backwards (from 2020 to 2017) means the years between: turn it round. */
      groups.forEach(function (group) {
        var from = group.fields[0], to = group.fields[1];
        if (group.period && from.value && to.value && +from.value > +to.value) {
          var later = from.value;
          from.value = to.value;
          to.value = later;
        }
      });
      var want = chosen();
      var shown = [];
      readCases().forEach(function (c) {
        var match = matches(c, want);
        c.item.hidden = !match;
        if (match) shown.push(c);
      });
      /* A group of cards with none shown is hidden too, and while a filter is on every group
         is drawn (the cards alone skip their drawing off the screen): a group not yet drawn
         keeps the height it was last drawn at, or the stylesheet's estimate for a full
         group, which a group with fewer cards would correct only when drawn - moving what
         follows it on the screen (a shared filtered link shifted the page by 0.19). */
      list(listed.children).forEach(function (group) {
        group.hidden = !group.querySelector("li.ides-card:not([hidden])");
      });
      var active = activeCount();
      listed.classList.toggle("ides-card-groups--filtered", active > 0);
      var values = { shown: shown.length, total: cases.length };
      count.textContent = fill(count.dataset.shown, values);
      if (lead) lead.textContent = active ? fill(lead.dataset.filtered, values) : leadText;
      empty.hidden = shown.length > 0;
      toggle.textContent = active ? fill(toggle.dataset.active, { num: active }) : toggleText;
      updateOptionCounts(want);
      updateMap(shown);
      var query = address();
      updateLanguageLinks(query);
      if (updateAddress) {
        history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
      }
    }

    function clear() {
      boxes.forEach(function (box) { box.checked = false; });
      fields.forEach(function (field) { field.value = ""; });
      apply(true);
    }

    /* The address's filter: values the page does not offer are left out. */
    var initial = new URLSearchParams(location.search);
    boxes.forEach(function (box) {
      var values = (initial.get(box.name) || "").split(",");
      box.checked = values.indexOf(box.value) >= 0;
    });
    fields.forEach(function (select) {
      var value = initial.get(select.name);
      if (value && list(select.options).some(function (o) { return o.value === value; })) {
        select.value = value;
      }
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
    /* Without a filter in the address the page is already as the generator wrote it (every
       case, its counts, the map): nothing to do until the reader chooses. An address with
       parameters is applied now, and cleared of those the page does not offer. */
    if (initial.toString() !== "") apply(true);
    /* The page kept the list hidden while a filter from the address was pending (main.html). */
    document.documentElement.classList.remove("ides-pending");
  }

  function setUpTable() {
    var table = document.getElementById("ides-compare");
    if (!table) return;
    var groups = Array.prototype.slice.call(table.tBodies);
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
        var sizes = groups.map(function (group) { return group.rows.length; });
        var rows = [];
        groups.forEach(function (group) {
          rows.push.apply(rows, Array.prototype.slice.call(group.rows));
        });
        rows.sort(function (a, b) {
          var xs = keys(a.cells[column], number), ys = keys(b.cells[column], number);
          for (var i = 0; i < Math.max(xs.length, ys.length, 1); i++) {
            var x = i < xs.length ? xs[i] : null, y = i < ys.length ? ys[i] : null;
            /* Rows without a value go last in either direction. */
            if (x === null || y === null) {
              if (x === y) continue;
              return x === null ? 1 : -1;
            }
            var order = number ? x - y : x.localeCompare(y, document.documentElement.lang);
            if (order) return ascending ? order : -order;
          }
          return 0;
        });
        var next = 0;
        groups.forEach(function (group, index) {
          var part = document.createDocumentFragment();
          rows.slice(next, next + sizes[index]).forEach(function (row) { part.appendChild(row); });
          group.appendChild(part);
          next += sizes[index];
        });
      });
    });

    /* A cell's sort keys, compared in turn: its data-sort, which may hold several separated
       by spaces (a period: start, then end), or else its text. A number is read with "-" as
       its point ("2016-11" -> 2016.11). A missing key is null. */
    function keys(cell, number) {
      var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort").split(" ")
        : [cell.textContent.trim()];
      return raw.map(function (text) {
        if (text === "") return null;
        if (!number) return text;
        var value = parseFloat(text.replace(/-/g, "."));
        return isNaN(value) ? null : value;
      });
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
