// Runs one snippet in a reader's browser: a module Web Worker started by docs/javascripts/runner.js
// when Run is pressed, served from the site itself as runner/worker.mjs (guidekit/browser_runtime.py).
//
// The page first posts {setup: {module, snapshot}}: the compiled pyodide.asm.wasm (a WebAssembly.Module) if an
// earlier worker of the page compiled it, else null, and the memory snapshot of a fresh interpreter if
// the page has one, else null (the interpreter then starts from scratch); or {setup: {module, makeSnapshot: true}}:
// the worker only makes that snapshot (guidekit/wasm_snapshot.py) and answers {snapshot: bytes}.
// Then {run: "tasks/gather_order.py"}, with {source: text} for the reader's edit of it
// (run under the snippet's own path, so tracebacks name it); this worker answers with
//   {compiled: module}                once this worker has compiled pyodide.asm.wasm (if not given it),
//   {progress: bytes, total: bytes}   while Python 3.14 (the pinned Pyodide) loads from runner/pyodide/,
//   {ready: {python, pyodide, cap, grace}}  once it is loaded,
//   {started: true}                  when the snippet's first line runs (its timeout counts from here),
//   {output: text}                    each time the snippet writes to stdout or stderr, in order,
//   {input: true}                     when the program reads stdin (it reads end of file, as the
//                                     runner's snippets do: a page has no keyboard input for it),
//   {tooMuch: cap}                    past the output cap (the page then ends the worker),
//   {done: {exit, transcript, figure}} at the end: the exit code, the normalised transcript and the
//                                     run's timeline (HTML, "" for fewer than two tasks),
//   {failed: message}                 if the runtime itself failed.
// {interrupt: true} from the page interrupts the snippet (Python sees SIGINT) at its timeout.
// The run is the build's: guidekit/wasm_python.py (asyncio's own loop) then guidekit/child.py
// (the snippet as __main__ under its repository path), on the real clock; guidekit/browser_python.py
// gives them the browser's wait.
const base = new URL("./", import.meta.url);
const ROOT = "/guide"; // the repository's place in the interpreter's file system
const SIGINT = 2;
const interrupt = new Int32Array(1); // only this worker writes it: the page's message does, here
let wake = null; // ends the current wait early
let startRun, setUp;
const runRequested = new Promise((resolve) => { startRun = resolve; });
const setupGiven = new Promise((resolve) => { setUp = resolve; });

self.onmessage = ({ data }) => {
  if (data.setup) setUp(data.setup);
  if (data.run) startRun(data);
  if (data.interrupt) {
    interrupt[0] = SIGINT;
    if (wake) wake();
  }
};

const WASM = "pyodide.asm.wasm";

// Compiling pyodide.asm.wasm (9.6 MB) is most of what a new worker's start costs. The page's first
// worker compiles it and gives the compiled module to the page, which hands it to each later worker
// of the page; they instantiate it without fetching or compiling it again. Pyodide instantiates
// with WebAssembly.instantiateStreaming(fetch(url), imports): only that call is answered here.
function useCompiled(module) {
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiateStreaming = async (source, imports) => {
    if (!module) {
      module = await WebAssembly.compileStreaming(source);
      postMessage({ compiled: module });
    }
    return { instance: await instantiate(module, imports), module };
  };
}

// Counts the runtime's bytes as they arrive, for the page's progress bar; ``skip``: the compiled
// module was given, so the .wasm file is not fetched at all (an empty answer stands for it).
function countingFetch(total, skip) {
  const plain = self.fetch.bind(self);
  let received = 0;
  return async (url, options) => {
    if (skip && String(url).endsWith(WASM)) return new Response(new Uint8Array(0), { headers: { "Content-Type": "application/wasm" } });
    const response = await plain(url, options);
    if (!response.ok || !response.body) return response;
    const counter = new TransformStream({
      transform(chunk, controller) {
        received += chunk.byteLength;
        postMessage({ progress: received, total });
        controller.enqueue(chunk);
      },
    });
    return new Response(response.body.pipeThrough(counter), { status: response.status, headers: response.headers });
  };
}

async function text(path) {
  const response = await fetch(new URL(path, base));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.text();
}

async function main() {
  const manifest = JSON.parse(await text("runtime.json"));
  const { module, snapshot, makeSnapshot } = await setupGiven;
  useCompiled(module);
  const total = Object.entries(manifest.sizes).reduce((sum, [file, size]) => sum + (module && file === WASM ? 0 : size), 0);
  const plainFetch = self.fetch;
  self.fetch = countingFetch(total, Boolean(module));
  const { loadPyodide } = await import(new URL("pyodide/pyodide.mjs", base).href);
  const options = {
    indexURL: new URL("pyodide/", base).href,
    env: { PYTHONIOENCODING: "utf-8", PYTHON_COLORS: "0", PYTHONDONTWRITEBYTECODE: "1", HOME: "/home/pyodide" },
  };
  if (makeSnapshot) options._makeSnapshot = true;
  else if (snapshot) options._loadSnapshot = snapshot; // a fresh interpreter, without starting Python again
  const py = await loadPyodide(options);
  self.fetch = plainFetch;
  if (makeSnapshot) { // this worker runs no snippet: it only makes the snapshot, as guidekit/wasm_host.mjs does
    py.runPython(await text("guidekit/wasm_snapshot.py"));
    const bytes = py.makeMemorySnapshot();
    postMessage({ snapshot: bytes }, [bytes.buffer]);
    return;
  }
  postMessage({ ready: { python: manifest.python, pyodide: manifest.pyodide, cap: manifest.cap, grace: manifest.grace } });

  const request = await runRequested, name = request.run;
  const files = await Promise.all([
    ...manifest.python_files.map(async (file) => [`${ROOT}/guidekit/${file}`, await text(`guidekit/${file}`)]),
    [`${ROOT}/snippets/${name}`, request.source ?? await text(`snippets/${name}`)],
  ]);
  for (const [path, source] of files) {
    py.FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
    py.FS.writeFile(path, source);
  }
  const cwd = "/tmp/run"; // the snippet's working directory, as the runner's temporary one
  py.FS.mkdirTree(cwd);

  // stdout and stderr in one stream, in order, as the runner's one pipe gives them.
  const decoder = new TextDecoder();
  let written = 0, output = "";
  const write = (bytes) => {
    written += bytes.length;
    if (written > manifest.cap) {
      postMessage({ tooMuch: manifest.cap });
      return bytes.length;
    }
    const piece = decoder.decode(bytes, { stream: true });
    output += piece;
    postMessage({ output: piece });
    return bytes.length;
  };
  py.setStdout({ write });
  py.setStderr({ write });
  py.setStdin({ stdin: () => { postMessage({ input: true }); return null; } }); // null: end of file
  py.setInterruptBuffer(interrupt);
  const jspi = typeof WebAssembly.Suspending === "function";
  py.registerJsModule("_guide_browser", {
    jspi,
    output: () => output,
    started: () => postMessage({ started: true }),
    timer: (seconds) => new Promise((resolve) => {
      const done = () => { clearTimeout(timer); wake = null; resolve(); };
      const timer = seconds < 0 ? null : setTimeout(done, seconds * 1000);
      wake = done;
      if (interrupt[0]) done();
    }),
    busy: (seconds) => {
      const end = seconds < 0 ? Infinity : performance.now() + seconds * 1000;
      while (performance.now() < end) { /* no shared memory, no stack switching: nothing else can wait */ }
    },
  });
  const run = py.runPython(`import sys
sys.path.insert(0, ${JSON.stringify(ROOT)})
from guidekit import browser_python
sys.path.remove(${JSON.stringify(ROOT)})
browser_python.run`);
  const display = `snippets/${name}`;
  const job = {
    argv: [`${ROOT}/guidekit/child.py`, `${cwd}/result.json`, display, `${ROOT}/${display}`, "--real-time"],
    cwd, path: [], started: `${cwd}/result.json${manifest.started}`,
  };
  const result = jspi ? await run.callPromising(py.toPy(job)) : run(py.toPy(job));
  const done = result.toJs({ dict_converter: Object.fromEntries });
  postMessage({ done: { exit: done.exit, transcript: done.transcript, figure: done.figure } });
}

main().catch((error) => postMessage({ failed: String(error && error.message || error) }));
