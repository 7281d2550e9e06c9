// The search box: plain JavaScript over window.CLAIMS_SEARCH_INDEX (assets/search-index.js).
// Without JavaScript the box stays hidden and the index pages list everything.
(function () {
  "use strict";
  var index = window.CLAIMS_SEARCH_INDEX;
  var form = document.getElementById("search-form");
  var box = document.getElementById("search-box");
  var list = document.getElementById("search-results");
  if (!index || !form || !box || !list) { return; }
  var root = document.body.getAttribute("data-root") || "";
  // As claims.search.fold: no case, accents or punctuation ("Rakhmonov’s" finds "rakhmonov s").
  function fold(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }
  function show() {
    var query = fold(box.value.trim());
    list.textContent = "";
    if (query.length < 2) { return; }
    var hits = index.filter(function (entry) { return entry.terms.indexOf(query) !== -1; });
    hits.sort(function (a, b) {
      var pa = a.terms.indexOf(query) === 0 ? 0 : 1, pb = b.terms.indexOf(query) === 0 ? 0 : 1;
      return pa - pb || a.label.localeCompare(b.label);
    });
    hits.slice(0, 20).forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + entry.url;
      link.textContent = entry.label;
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = " " + entry.kind;
      item.appendChild(link);
      item.appendChild(kind);
      list.appendChild(item);
    });
    if (!hits.length) {
      var none = document.createElement("li");
      none.textContent = "No match.";
      list.appendChild(none);
    }
  }
  form.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) { window.location.href = first.href; }
  });
  box.addEventListener("input", show);
})();
