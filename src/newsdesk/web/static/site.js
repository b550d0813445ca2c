// newsdesk reading site: progressive enhancement only (every page works without this file).
// Key takeaways: clicking one highlights every sentence it cites and scrolls to the first.
(function () {
  "use strict";

  function sourcesOf(keys) {
    var found = [];
    keys.forEach(function (key) {
      document.querySelectorAll('.src[data-src="' + key + '"]').forEach(function (el) { found.push(el); });
    });
    return found;
  }

  function clearHighlights() {
    document.querySelectorAll(".src.active").forEach(function (el) { el.classList.remove("active"); });
    document.querySelectorAll(".takeaway.active").forEach(function (el) { el.classList.remove("active"); });
  }

  function highlight(link, scroll) {
    var keys = (link.getAttribute("data-sources") || "").split(/\s+/).filter(Boolean);
    var targets = sourcesOf(keys);
    if (!targets.length) { return; }
    clearHighlights();
    link.classList.add("active");
    targets.forEach(function (el) { el.classList.add("active"); });
    if (scroll) {
      var first = targets[0];
      first.setAttribute("tabindex", "-1");
      first.scrollIntoView({ behavior: "smooth", block: "center" });
      first.focus({ preventScroll: true });
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.takeaway") : null;
    if (!link) { return; }
    event.preventDefault();
    highlight(link, true);
    if (history.replaceState) { history.replaceState(null, "", link.getAttribute("href")); }
  });

  function fromHash() {
    var hash = decodeURIComponent(location.hash || "");
    if (hash.indexOf("#src-") === 0) {
      var link = document.querySelector('a.takeaway[href="' + hash.replace(/"/g, "") + '"]');
      if (link) { highlight(link, true); }
    } else if (hash === "#hl") {
      var mark = document.getElementById("hl");
      if (mark) { mark.scrollIntoView({ block: "center" }); mark.focus({ preventScroll: true }); }
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fromHash);
  } else {
    fromHash();
  }
  window.addEventListener("hashchange", fromHash);
})();
