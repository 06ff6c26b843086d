// The details of a timeline's bars and marks (drawn by guidekit/timeline_svg.py) by tap, click
// and keyboard, not only by hover: the one chosen is outlined and its words (the <title> that
// hover shows) appear under the picture, in a live region that screen readers announce.
// Keyboard: Tab to the picture (its first detail is chosen), arrow keys, Home and End to move.
(() => {
  "use strict";

  function detailsBox(figure) {
    let box = figure.querySelector(".tl-details");
    if (!box) {
      box = document.createElement("p");
      box.className = "tl-details";
      box.setAttribute("aria-live", "polite");
      figure.insertBefore(box, figure.querySelector("figcaption"));
    }
    return box;
  }

  function choose(svg, item) {
    const figure = svg.closest("figure") || svg.parentElement;
    for (const old of figure.querySelectorAll(".tl-chosen")) old.classList.remove("tl-chosen");
    item.classList.add("tl-chosen");
    detailsBox(figure).textContent = item.querySelector("title").textContent;
  }

  function setUp(svg) {
    const items = Array.from(svg.querySelectorAll(".tl-tip"));
    if (svg.dataset.tlDetails || !items.length) return;
    svg.dataset.tlDetails = "on";
    svg.tabIndex = 0;
    // What lies under the centre of the finger or the pointer: for a touch, the browser picks a
    // target in the whole area of the finger (a mark beside a thin bar wins), not what it touched.
    let pressed = null;
    svg.addEventListener("pointerdown", (event) => {
      const hit = document.elementFromPoint(event.clientX, event.clientY);
      pressed = hit && hit.closest(".tl-tip");
    });
    svg.addEventListener("click", (event) => {
      const item = pressed || event.target.closest(".tl-tip");
      pressed = null;
      if (item && svg.contains(item)) choose(svg, item);
    });
    svg.addEventListener("focus", () => {
      // Focus by a tap or a click comes with that click, which chooses what it hit.
      if (svg.matches(":focus-visible") && !svg.querySelector(".tl-chosen")) choose(svg, items[0]);
    });
    svg.addEventListener("keydown", (event) => {
      const now = items.indexOf(svg.querySelector(".tl-chosen"));
      const next = {ArrowRight: now + 1, ArrowDown: now + 1, ArrowLeft: now - 1, ArrowUp: now - 1,
                    Home: 0, End: items.length - 1}[event.key];
      if (next === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      choose(svg, items[Math.max(0, Math.min(items.length - 1, next))]);
    });
  }

  function setUpAll() {
    document.querySelectorAll("svg.tl").forEach(setUp);
  }

  // A timeline drawn after the page loaded (a run in the page: docs/javascripts/runner.js) says so.
  document.addEventListener("guide:timelines", setUpAll);
  // Material's instant navigation swaps pages without a load event; its document$ says when.
  if (typeof document$ !== "undefined") document$.subscribe(setUpAll);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUpAll);
  else setUpAll();
})();
