// Run a snippet in this page: a Run button in every <div class="guide-run"> that guidekit/page.py
// puts under a snippet. Nothing of the runtime is requested before the first press: then a module
// Web Worker (runner/worker.mjs, guidekit/browser_worker.mjs) loads Python 3.14 as WebAssembly
// from this site, runs the snippet on the real clock and sends each piece of output as it is
// printed. Stop ends the worker at once; at the snippet's timeout the worker is interrupted twice
// (the traceback shows where it waited), as the build's runner does, and ended after the grace.
// Edit loads the editor (runner/editor.mjs: CodeMirror, guidekit/browser_editor.mjs) with the program
// as the page shows it; Run, or Ctrl/Cmd+Enter in the editor, then runs the edited program under the
// snippet's own path, and Reset puts the shown program back.
(() => {
  "use strict";
  const RUNTIME = new URL("../runner/", document.currentScript.src); // this file is javascripts/runner.js
  const runs = new Set(); // the runs going on, to end those of a page left by instant navigation
  let boxes = 0; // for ids of their own
  let compiled = null; // pyodide.asm.wasm compiled by this page's first worker, for the next ones
  let snapshot = null; // a fresh interpreter's memory, made once after the first run has loaded: later runs start from it
  let making = null; // a promise of it while it is being made

  // One worker of its own makes the snapshot (guidekit/browser_worker.mjs, makeSnapshot), in the
  // background, once the first run has loaded (so the compiled module exists and that run is not slowed
  // while it loads). A run pressed meanwhile waits for it: that is sooner than starting Python from
  // scratch. If it cannot be made, every run starts from scratch, as the first did.
  function makeSnapshot() {
    if (snapshot || making || !compiled) return;
    const maker = new Worker(new URL("worker.mjs", RUNTIME), { type: "module" });
    maker.postMessage({ setup: { module: compiled, makeSnapshot: true } });
    making = new Promise((resolve) => {
      maker.onerror = () => resolve(null);
      maker.onmessage = ({ data }) => {
        if (data.snapshot || data.failed) resolve(data.snapshot || null);
      };
    }).then((made) => {
      maker.terminate();
      snapshot = made;
      return made;
    });
  }

  function element(tag, attributes, text) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    if (text) node.textContent = text;
    return node;
  }

  function megabytes(bytes) {
    return (bytes / 1e6).toFixed(1);
  }

  function setUp(box) {
    if (box.dataset.runner) return;
    box.dataset.runner = "on";
    const name = box.dataset.snippet, python = box.dataset.python;
    const display = `snippets/${name}`;
    const controls = element("div", { class: "guide-run__controls" });
    const start = element("button", { type: "button", class: "md-button guide-run__start" },
      `Run here (Python ${python}, WebAssembly)`);
    start.setAttribute("aria-label", `${start.textContent}: ${display}`); // the visible words first
    const stop = element("button", { type: "button", class: "md-button guide-run__stop", hidden: "" }, "Stop");
    stop.setAttribute("aria-label", `Stop: ${display}`);
    const edit = element("button", { type: "button", class: "md-button guide-run__edit" }, "Edit");
    edit.setAttribute("aria-label", `Edit: ${display}`);
    const reset = element("button", { type: "button", class: "md-button guide-run__reset", hidden: "" }, "Reset");
    reset.setAttribute("aria-label", `Reset: ${display} as shown above`);
    const help = element("p", { class: "guide-run__help", hidden: "", id: `guide-run-help-${++boxes}` },
      "Ctrl+Enter (Cmd+Enter on a Mac) runs the edited program. Tab indents: to leave the editor with"
      + " the keyboard, press Escape, then Tab.");
    const editing = element("div", { class: "guide-run__editor", hidden: "" });
    const status = element("span", { class: "guide-run__status", role: "status" });
    const progress = element("progress", { class: "guide-run__progress", max: "1", value: "0", hidden: "",
                                           "aria-label": `Loading Python ${python}` });
    const output = element("pre", { class: "guide-run__output", hidden: "", tabindex: "0", "aria-live": "polite",
                                    "aria-label": `Output of this page's run of ${display}` });
    const code = output.appendChild(element("code", {}));
    controls.append(start, stop, edit, reset, status);
    box.append(editing, help, controls, progress, output);

    if (typeof Worker !== "function" || typeof WebAssembly !== "object") {
      start.disabled = edit.disabled = true;
      status.textContent = "This browser cannot run it here: it lacks Web Workers or WebAssembly.";
      return;
    }

    let run = null, timeout = null;
    function end(message) {
      if (!run) return;
      run.worker.terminate();
      run.timers.forEach(clearTimeout);
      runs.delete(run);
      run = null;
      status.textContent = message;
      progress.hidden = true;
      const hadFocus = document.activeElement === stop;
      stop.hidden = true;
      start.disabled = false;
      if (hadFocus) start.focus();
    }

    function onTimeout(grace) {
      run.timedOut = true;
      status.textContent = `Timed out after ${timeout} s: interrupting…`;
      run.worker.postMessage({ interrupt: true });
      run.timers.push(setTimeout(() => run && run.worker.postMessage({ interrupt: true }), 200));
      run.timers.push(setTimeout(() => end(`${display}: timed out after ${timeout} s and was stopped.`),
                                 200 + grace * 1000));
    }

    let editor = null, original = null; // the editor once Edit was pressed, and the shown program

    edit.addEventListener("click", async () => {
      if (editor) return;
      edit.disabled = true;
      status.textContent = "Loading the editor…";
      try {
        const [module, response] = await Promise.all([import(new URL("editor.mjs", RUNTIME).href),
                                                      fetch(new URL(`snippets/${name}`, RUNTIME))]);
        if (!response.ok) throw new Error(`snippets/${name}: HTTP ${response.status}`);
        original = await response.text();
        editing.hidden = help.hidden = false;
        editor = module.editor(editing, {
          doc: original, label: `Editable program: ${display}`,
          run: () => { if (run) end("Stopped."); start.click(); },
        });
        editing.querySelector("[contenteditable]").setAttribute("aria-describedby", help.id);
        edit.hidden = true;
        reset.hidden = false;
        status.textContent = "";
        editor.focus();
      } catch (error) {
        edit.disabled = false;
        status.textContent = `The editor could not load: ${error.message || error}.`;
      }
    });
    reset.addEventListener("click", () => {
      editor.reset(original);
      status.textContent = `Back to ${display} as shown above.`;
    });

    start.addEventListener("click", () => {
      if (run) return;
      const source = editor ? editor.text() : undefined; // undefined: the worker fetches the snippet
      timeout = Number(box.dataset.timeout); // seconds from the snippet's start (snippets.toml)
      const started = performance.now();
      const worker = new Worker(new URL("worker.mjs", RUNTIME), { type: "module" });
      // Once the snapshot being made, if any, is there (making sets it before it resolves).
      Promise.resolve(making).then(() => worker.postMessage({ setup: { module: compiled, snapshot } }));
      run = { worker, timers: [], timedOut: false, box };
      runs.add(run);
      code.textContent = "";
      for (const old of box.querySelectorAll("figure")) old.remove(); // the last run's timeline
      output.hidden = false;
      start.disabled = true;
      stop.hidden = false;
      if (!editing.contains(document.activeElement)) stop.focus(); // Ctrl+Enter leaves it in the editor
      progress.hidden = false;
      progress.removeAttribute("value"); // indeterminate until the first bytes arrive
      status.textContent = `Loading Python ${python} (WebAssembly) from this site…`;
      worker.onerror = (event) => end(`The runner could not start: ${event.message || "its files are missing from this site"}.`);
      worker.onmessage = ({ data }) => {
        if (data.compiled) compiled = data.compiled; // kept even if this run has ended since
        if (!run || run.worker !== worker) return;
        if (data.progress !== undefined) {
          progress.value = data.progress / data.total;
          status.textContent = `Loading Python ${python} (WebAssembly): ${megabytes(data.progress)} of ${megabytes(data.total)} MB`;
        } else if (data.ready) {
          makeSnapshot();
          progress.hidden = true;
          const seconds = ((performance.now() - started) / 1000).toFixed(1);
          box.dataset.loadSeconds = seconds;
          status.textContent = `Running on Python ${data.ready.python} (Pyodide ${data.ready.pyodide}, loaded in ${seconds} s), real clock…`;
          run.grace = data.ready.grace;
          worker.postMessage({ run: name, source });
        } else if (data.started) { // the snippet's first line: its timeout counts from here, as the runner's
          run.timers.push(setTimeout(() => run && onTimeout(run.grace), timeout * 1000));
        } else if (data.output !== undefined) {
          code.append(data.output);
        } else if (data.input) {
          run.readInput = true;
        } else if (data.tooMuch !== undefined) {
          const message = `Stopped: more than ${data.tooMuch / 1000} kB of output.`;
          code.append(element("span", { class: "guide-run__note" }, `\n(${message})\n`));
          end(message);
        } else if (data.done) {
          code.textContent = data.done.transcript; // normalised as the build's: the snippet's own frames only
          code.classList.toggle("guide-run__numbered", Boolean(data.done.figure));
          if (data.done.figure) { // the timeline's marks name output lines by number, as under the build's output
            code.replaceChildren(...data.done.transcript.split(/(?<=\n)/).map((line) => element("span", {}, line)));
          }
          if (run.readInput) code.append(element("span", { class: "guide-run__note" },
            "(input() read end of file: a run in this page has no keyboard input.)\n"));
          if (data.done.figure) { // this run's timeline, drawn by the build's guidekit/timeline_svg.py
            output.insertAdjacentHTML("afterend", data.done.figure);
            document.dispatchEvent(new Event("guide:timelines")); // docs/javascripts/timeline.js sets it up
          }
          end(run.timedOut ? `${display}: timed out after ${timeout} s and was stopped.`
            : `Finished with exit code ${data.done.exit}.`);
        } else if (data.failed) {
          end(`The runner failed: ${data.failed}`);
        }
      };
    });
    stop.addEventListener("click", () => end("Stopped."));
  }

  function setUpAll() {
    for (const run of runs) if (!document.contains(run.box)) { run.worker.terminate(); runs.delete(run); }
    document.querySelectorAll("div.guide-run").forEach(setUp);
  }

  // Material's instant navigation swaps pages without a load event; its document$ says when.
  if (typeof document$ !== "undefined") document$.subscribe(setUpAll);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUpAll);
  else setUpAll();
})();
