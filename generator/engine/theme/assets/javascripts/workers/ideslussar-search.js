/*
 * The site's search, as a worker that speaks Material's search protocol (SETUP, READY, QUERY,
 * RESULT), so Material's search box, keyboard handling and result list stay as they are.
 *
 * Instead of downloading every page's text and indexing it with lunr, it fetches the few
 * static files a query needs (made at build time by generator/search_index.py): the shards of
 * the query's words, the list of page titles, and the teasers of the first results.
 *
 * Terms in the index are Snowball stems without diacritics. A word typed here is folded the
 * same way ("Örebro", "orebro" -> "orebro") and matches
 *   - the term it equals, or that a known word form of it was stemmed to ("studies" -> "studi");
 *   - terms it is the start of, as the reader is typing ("innovat" -> "innovation");
 *   - failing both, the longest term that starts it ("innovationer" -> "innovation"), which is
 *     what the stemmer would have left of it.
 * Pages that match every word come first, then those that contain the words themselves (not
 * only longer words that start like them), then by the sum of their scores (BM25, computed at
 * build time; listing pages weigh less than case pages).
 *
 * Every text from the index is escaped here: Material inserts titles and teasers as HTML.
 *
 * It speaks the protocol of Material's own worker (its message numbers), so it is marked with
 * that worker's hash: when Material's worker changes, tests/test_engine.py says so.
 * upstream: material/templates/assets/javascripts/workers/search.a7633da7.min.js sha256:da1b3df5e5f00cc7
 */
(function () {
  "use strict";

  var READY = 1, QUERY = 2, RESULT = 3; /* Material's SearchMessageType; SETUP is 0 */
  var TEASERS = 10;            /* results shown with their teaser (Material renders 10 first) */
  var EXPAND_BYTES = 40000;    /* at most this much more JSON for search-as-you-type */
  var base = new URL("../../../search/", self.location.href);
  var cache = {};
  var latest = null;

  function load(path) {
    if (!cache[path]) {
      cache[path] = fetch(new URL(path, base).href).then(function (response) {
        if (!response.ok) throw new Error(path + ": " + response.status);
        return response.json();
      });
      cache[path].catch(function () { delete cache[path]; });
    }
    return cache[path];
  }

  function fold(word) {
    return word.normalize("NFD").replace(/[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g, "");
  }

  function words(query) {
    var seen = {};
    return (fold(query.toLowerCase()).match(/[\p{L}\p{N}]+/gu) || []).filter(function (word) {
      return seen[word] ? false : (seen[word] = true);
    });
  }

  function shardName(prefix) {
    if (/^[a-z0-9]+$/.test(prefix)) return prefix;
    var hex = "";
    new TextEncoder().encode(prefix).forEach(function (b) { hex += (b < 16 ? "0" : "") + b.toString(16); });
    return "-" + hex;
  }

  function loadShard(prefix) {
    return load("terms/" + shardName(prefix) + ".json");
  }

  /* The shard that holds a term: the longest shard prefix that starts it. */
  function shardOf(manifest, term) {
    for (var n = term.length; n > 0; n--)
      if (manifest.shards.hasOwnProperty(term.slice(0, n))) return term.slice(0, n);
    return null;
  }

  /* Shards with terms that start with the word, while they stay small. */
  function expansion(manifest, word) {
    if (word.length < 3) return [];
    var found = [], bytes = 0;
    for (var prefix in manifest.shards) {
      if (prefix.length > word.length && prefix.indexOf(word) === 0) {
        found.push(prefix);
        bytes += manifest.shards[prefix];
      }
    }
    return bytes <= EXPAND_BYTES ? found : [];
  }

  /* Postings into matches (doc number -> score), each page's best; with `only`, just the
     pages not matched before (a rare compound must not outweigh the word itself). */
  function add(matches, postings, weight, only) {
    for (var i = 0, doc = 0; i < postings.length; i += 2) {
      doc += postings[i];
      if (only && !only(doc)) continue;
      var score = postings[i + 1] * weight;
      if (!(matches[doc] >= score)) matches[doc] = score;
    }
  }

  /* The shards a word may need: its own, those of the words it starts with (down to half its
     length), and those of the terms it starts, while they stay small. */
  function shardsFor(manifest, word) {
    var found = {};
    for (var n = word.length; n >= 3 && n * 2 >= word.length || n === word.length; n--) {
      var prefix = shardOf(manifest, word.slice(0, n));
      if (prefix) found[prefix] = true;
    }
    expansion(manifest, word).forEach(function (prefix) { found[prefix] = true; });
    return Object.keys(found);
  }

  /* The postings of a term, from the shards loaded for a word (undefined if none). */
  function postings(manifest, loaded, term) {
    var shard = loaded[shardOf(manifest, term)];
    return shard && shard.t.hasOwnProperty(term) ? shard.t[term] : undefined;
  }

  function loadAll(prefixes, loaded) {
    var missing = prefixes.filter(function (prefix) { return !loaded[prefix]; });
    return Promise.all(missing.map(loadShard)).then(function (shards) {
      missing.forEach(function (prefix, i) { loaded[prefix] = shards[i]; });
      return loaded;
    });
  }

  /* Terms that start with `start` (and are longer), scored with `weight`, on pages that the
     word itself did not match. */
  function addStarting(matches, loaded, start, weight, exact) {
    var only = function (doc) { return !exact.hasOwnProperty(doc); };
    for (var prefix in loaded) {
      var terms = loaded[prefix].t;
      for (var term in terms)
        if (term.length > start.length && term.indexOf(start) === 0) add(matches, terms[term], weight, only);
    }
  }

  /* Pages matching one word: their scores (doc number -> score) and which of them matched the
     word's stem itself. The stem is the term the word equals, the term a known form of it was
     stemmed to, or else the longest term that starts it; terms that start with the word or
     with its stem match too (lunr's "stem*"), ranked after the stem's own pages. */
  function match(manifest, word) {
    return loadAll(shardsFor(manifest, word), {}).then(function (loaded) {
      var own = loaded[shardOf(manifest, word)];
      var stem = postings(manifest, loaded, word) ? word
        : own && own.f.hasOwnProperty(word) ? own.f[word] : null;
      var guessed = false;
      for (var n = word.length - 1; !stem && n >= 3 && n * 2 >= word.length; n--) {
        if (postings(manifest, loaded, word.slice(0, n))) { stem = word.slice(0, n); guessed = true; }
      }
      var more = stem ? [shardOf(manifest, stem)].concat(expansion(manifest, stem)) : [];
      return loadAll(more.filter(Boolean), loaded).then(function () {
        var matches = {}, exact = {};
        if (stem) add(exact, postings(manifest, loaded, stem) || [], guessed ? 0.9 : 1);
        for (var doc in exact) matches[doc] = exact[doc];
        if (word.length >= 3) addStarting(matches, loaded, word, 0.5, exact);
        if (stem && stem !== word) addStarting(matches, loaded, stem, 0.4, exact);
        return { scores: matches, exact: exact };
      });
    });
  }

  function escape(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function search(query) {
    var typed = words(query);
    if (!typed.length) return Promise.resolve({ items: [] });
    return load("manifest.json").then(function (manifest) {
      return Promise.all([load("pages.json")].concat(typed.map(function (word) {
        return match(manifest, word);
      }))).then(function (loaded) {
        var pages = loaded[0], perWord = loaded.slice(1), ranked = {};
        perWord.forEach(function (matches, w) {
          for (var doc in matches.scores) {
            var entry = ranked[doc] ||
              (ranked[doc] = { doc: +doc, count: 0, exact: 0, score: 0, terms: {} });
            entry.count += 1;
            if (matches.exact.hasOwnProperty(doc)) entry.exact += 1;
            entry.score += matches.scores[doc];
            entry.terms[typed[w]] = true;
          }
        });
        /* Pages with every word first, then those with the words themselves (not only longer
           words that start like them), then by score. */
        var results = Object.keys(ranked).map(function (doc) { return ranked[doc]; });
        results.sort(function (a, b) {
          return b.count - a.count || b.exact - a.exact || b.score - a.score || a.doc - b.doc;
        });
        var chunks = {};
        results.slice(0, TEASERS).forEach(function (r) {
          chunks[Math.floor(r.doc / manifest.chunk)] = true;
        });
        var numbers = Object.keys(chunks);
        return Promise.all(numbers.map(function (n) {
          return load("teasers/" + n + ".json");
        })).then(function (teasers) {
          var byChunk = {};
          numbers.forEach(function (n, i) { byChunk[n] = teasers[i]; });
          return {
            items: results.map(function (r, rank) {
              var chunk = byChunk[Math.floor(r.doc / manifest.chunk)];
              var teaser = rank < TEASERS && chunk ? chunk[r.doc % manifest.chunk] : "";
              var terms = {};
              typed.forEach(function (word) { terms[word] = !!r.terms[word]; });
              return [{
                location: pages[r.doc][0],
                title: escape(pages[r.doc][1]),
                text: teaser ? "<p>" + escape(teaser) + "</p>" : "",
                /* Material's Enter key opens the result with the highest score */
                score: results.length - rank,
                terms: terms
              }];
            })
          };
        });
      });
    });
  }

  self.addEventListener("message", function (event) {
    var message = event.data || {};
    if (message.type === 0) {
      /* The list of shards (a few KB) now, so that the first query waits for one fetch less */
      load("manifest.json").catch(function () {});
      self.postMessage({ type: READY });
    } else if (message.type === QUERY && typeof message.data === "string") {
      var query = latest = message.data;
      search(query).then(function (result) {
        if (query === latest) self.postMessage({ type: RESULT, data: result });
      }, function (error) {
        console.warn("search failed: " + error);
        if (query === latest) self.postMessage({ type: RESULT, data: { items: [] } });
      });
    }
  });
})();
