/*
 * Search that understands inflection, in every language the site publishes.
 *
 * Material stems the words of the pages when it builds its search index ("innovationer" is
 * indexed as "innovation"), but not the words a reader types: the search box sends each word
 * with a trailing wildcard, and lunr skips the stemmer for wildcard terms. So "innovationer*"
 * finds nothing on a page that says "innovation". This worker wraps Material's own: it stems
 * each word of a query with the same Snowball stemmer the index used, then hands the query on.
 *
 * Loaded as ideslussar-search.js?material=<Material's worker file>, from main.html.
 *
 * upstream: material/templates/assets/javascripts/workers/search.a7633da7.min.js sha256:da1b3df5e5f00cc7
 */
(function () {
  "use strict";

  var SETUP = 0; /* Material's SearchMessageType.SETUP */
  var QUERY = 2; /* Material's SearchMessageType.QUERY */
  var language = "en";

  function stemmerFor(lang) {
    var lunr = self.lunr;
    if (!lunr) return null;
    if (lang === "en") return lunr.stemmer || null;
    return (lunr[lang] && lunr[lang].stemmer) || null;
  }

  /* "+innovationer* kommunerna" -> "+innovation* kommun": modifiers stay where they were. */
  function stemQuery(query, stem) {
    return query.split(/(\s+)/).map(function (part) {
      var match = /^([+\-]?)([^\s*~^:"]+)(.*)$/.exec(part);
      if (!match) return part;
      var word = match[2].toLowerCase();
      var stemmed = stem(new self.lunr.Token(word, {})).toString();
      return match[1] + (stemmed || word) + match[3];
    }).join("");
  }

  self.addEventListener("message", function (event) {
    if (!event.isTrusted) return; /* our own re-dispatch below: let Material handle it */
    var message = event.data;
    if (message && message.type === SETUP) {
      language = (message.data.config.lang || ["en"])[0];
      return;
    }
    if (!message || message.type !== QUERY || typeof message.data !== "string") return;
    var stem = stemmerFor(language);
    if (!stem) return;
    event.stopImmediatePropagation();
    self.dispatchEvent(new MessageEvent("message", {
      data: { type: QUERY, data: stemQuery(message.data, stem) }
    }));
  });

  var material = new URL(self.location.href).searchParams.get("material");
  if (!/^[\w.\-]+\.js$/.test(material || "")) throw new Error("missing Material search worker");
  importScripts(material);
})();
