// Keyboard access to every block that scrolls sideways (code, output, wide tables), on touch
// screens too. mkdocs-material makes such a block focusable only where the device can hover,
// so on a phone with a keyboard (or a switch) it could not be scrolled; axe-core flags it
// (scrollable-region-focusable, tests/test_a11y.py). This observer runs after Material's, so
// its answer stands whenever a block's size changes.
(() => {
  "use strict";

  const observer = new ResizeObserver((entries) => {
    for (const { target } of entries) {
      if (target.scrollWidth > target.clientWidth) target.setAttribute("tabindex", "0");
    }
  });

  function watchAll() {
    document.querySelectorAll(".md-typeset pre > code, .md-typeset__scrollwrap").forEach((block) => observer.observe(block));
  }

  if (typeof document$ !== "undefined") document$.subscribe(watchAll);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watchAll);
  else watchAll();
})();
