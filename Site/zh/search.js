// Droplab's search, written by `lessons build`: reads search-index.js, asks no network.
(function () {
  "use strict";
  var index = window.droplabSearchIndex;
  if (!index) return;
  var terms = Object.keys(index.terms).sort();
  var stop = new Set(index.stopWords);
  var cjk = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\u{20000}-\u{2ffff}]/u;
  var wordChar = /[\p{Alphabetic}\p{N}]/u;

  // The rules of SearchIndex.terms: words of letters and digits, CJK by bigrams.
  function split(text) {
    var out = [], word = "", run = [];
    function endWord() {
      if (word.length > 1 && !/^\p{N}+$/u.test(word) && !stop.has(word)) out.push(word);
      word = "";
    }
    function endRun() {
      if (run.length === 1) out.push(run[0]);
      for (var i = 0; i + 1 < run.length; i++) out.push(run[i] + run[i + 1]);
      run = [];
    }
    for (var ch of text.toLowerCase()) {
      if (cjk.test(ch)) { endWord(); run.push(ch); }
      else if (wordChar.test(ch)) { endRun(); word += ch; }
      else { endWord(); endRun(); }
    }
    endWord(); endRun();
    return out;
  }

  // The entries holding a term that starts with `prefix` (or equals it).
  function lookup(prefix, exact) {
    var found = new Set(), lo = 0, hi = terms.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (terms[mid] < prefix) lo = mid + 1; else hi = mid; }
    for (var i = lo; i < terms.length && terms[i].startsWith(prefix); i++) {
      if (exact && terms[i] !== prefix) break;
      index.terms[terms[i]].forEach(function (e) { found.add(e); });
    }
    return found;
  }

  // The sections holding every word of `query`, best first: words in the heading count most.
  function search(query) {
    var words = split(query);
    if (!words.length) return [];
    var hits = null;
    words.forEach(function (word, i) {
      var found = lookup(word, i < words.length - 1 && !cjk.test(word));
      hits = hits === null ? found : new Set([...hits].filter(function (e) { return found.has(e); }));
    });
    return [...hits].map(function (e) {
      var entry = index.entries[e], title = entry[1].toLowerCase(), score = 0;
      words.forEach(function (word) { if (title.includes(word)) score += 1; });
      return { entry: e, score: score };
    }).sort(function (a, b) { return b.score - a.score || a.entry - b.entry; })
      .slice(0, 12).map(function (hit) { return index.entries[hit.entry]; });
  }
  window.droplabSearch = search;

  function show(list, query) {
    list.textContent = "";
    var results = search(query);
    results.forEach(function (entry) {
      var item = document.createElement("li"), link = document.createElement("a");
      link.href = entry[0];
      link.textContent = entry[1];
      var lesson = document.createElement("span");
      lesson.className = "search-lesson";
      lesson.textContent = entry[2];
      item.append(link, " ", lesson);
      list.append(item);
    });
    if (!results.length && query.trim()) {
      var none = document.createElement("li");
      none.textContent = "没有哪个小节同时包含这些词。";
      list.append(none);
    }
    list.hidden = !query.trim();
  }

  document.querySelectorAll("form.search").forEach(function (form) {
    var input = form.querySelector("input[type=search]"), list = form.querySelector(".search-results");
    input.addEventListener("input", function () { show(list, input.value); });
    form.addEventListener("submit", function (event) {
      var first = list.querySelector("a");
      event.preventDefault();
      if (first) location.href = first.href; else show(list, input.value);
    });
  });
  var page = document.getElementById("search-page-results");
  var asked = new URLSearchParams(location.search).get("q");
  if (page && asked) {
    page.hidden = false;
    show(page.querySelector("ol"), asked);
    var box = document.querySelector("form.search input[type=search]");
    if (box) box.value = asked;
  }
})();
