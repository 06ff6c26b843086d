// Runs snippets on CPython compiled to WebAssembly (npm's pyodide) under Node: Python 3.14 and 3.15.
//
//   node guidekit/wasm_host.mjs PYODIDE_DIR SNAPSHOT_FILE SETUP_PY
//
// guidekit/wasm.py starts one host per version and sends it jobs, one JSON object per line on
// stdin; the host answers one JSON line per finished job on stdout. Each job runs in a new
// Worker thread with a new interpreter, started from a memory snapshot (SNAPSHOT_FILE, made by
// `--make-snapshot` after importing looptime and running guidekit/wasm_snapshot.py), so no state passes from one snippet
// to the next. In the worker:
//   - the host folders a job names are mounted at their own paths (NODEFS), so the snippet,
//     its temporary working directory and guidekit/child.py have the paths they have natively;
//   - stdout and stderr are both written synchronously, in order, to the job's output file
//     (what a pipe shared by both streams gives a native process), up to the job's cap;
//   - SETUP_PY (guidekit/wasm_python.py) replaces Pyodide's browser event loop with the
//     standard library's own loop, then child.py runs the snippet exactly as natively.
// {"interrupt": id} sets the interpreter's interrupt flag (Python sees SIGINT, as a native
// process does); a blocked wait wakes for it. {"kill": id} ends the worker at once.
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { pathToFileURL } from "node:url";

const SIGINT = 2;

async function loadInterpreter(pyodideDir, options) {
  const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
  return loadPyodide(options);
}

function mount(py, dir, root = dir) {
  py.FS.mkdirTree(dir);
  py.FS.mount(py.FS.filesystems.NODEFS, { root }, dir);
}

async function makeSnapshot(pyodideDir, snapshotFile, setup, libs, root) {
  const py = await loadInterpreter(pyodideDir, { _makeSnapshot: true });
  mount(py, libs, root); // ROOT: a folder holding only looptime, seen at the path the jobs mount LIBS at
  // looptime imports pytest only to offer a fixture: hidden while it loads, as child.py does.
  // The standard modules that wasm_python.py, child.py and recorder.py import are loaded
  // too: every native run imports them before the snippet starts, so the state is the same.
  py.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(libs)}); sys.modules["pytest"] = None
import asyncio, looptime
del sys.modules["pytest"]; sys.path.remove(${JSON.stringify(libs)})`);
  py.runPython(fs.readFileSync(path.join(path.dirname(setup), "wasm_snapshot.py"), "utf8")); // as the page's snapshot
  py.FS.unmount(libs);
  const temporary = `${snapshotFile}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, py.makeMemorySnapshot());
  fs.renameSync(temporary, snapshotFile); // several hosts may make it at once: whole or absent
}

// Compiling pyodide.asm.wasm (10 MB) costs more than starting from the snapshot does, and the
// engine then recompiles its hot functions again in every worker: the host compiles it once
// and each worker instantiates that compiled module. Pyodide instantiates from the file's
// bytes (WebAssembly.instantiate(bytes, imports)); in the worker, only that call is answered
// from the compiled module.
function useCompiled(compiled) {
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = async (source, imports) => {
    if (source instanceof WebAssembly.Module || source.byteLength !== compiled.byteLength) return instantiate(source, imports);
    return { instance: await instantiate(compiled.module, imports), module: compiled.module };
  };
}

function worker() {
  const { pyodideDir, snapshot, setup, job, interrupt, compiled } = workerData;
  useCompiled(compiled);
  const out = fs.openSync(job.output, "w");
  let written = 0;
  const write = (bytes) => {
    const room = job.cap + 1 - written; // one byte more than the cap tells the host it was exceeded
    if (room > 0) fs.writeSync(out, bytes, 0, Math.min(room, bytes.length));
    written += bytes.length;
    if (written > job.cap) process.exit(137); // ends this worker only, like the native runner's kill
    return bytes.length;
  };
  loadInterpreter(pyodideDir, { _loadSnapshot: snapshot, env: job.env }).then((py) => {
    py.setStdout({ write });
    py.setStderr({ write });
    py.setInterruptBuffer(interrupt);
    for (const dir of job.mounts) mount(py, dir);
    // A wait that an interrupt ends early: the event loop's idle wait and time.sleep().
    py.registerJsModule("_guide_host", {
      sleep: (seconds) => Atomics.wait(interrupt, 0, 0, seconds == null ? Infinity : seconds * 1000),
    });
    py.globals.set("guide_job", py.toPy(job));
    const exit = py.runPython(fs.readFileSync(setup, "utf8") + "\nrun_job(guide_job)");
    parentPort.postMessage({ exit });
  }).catch((error) => {
    write(Buffer.from(`guidekit/wasm_host.mjs: ${error && error.stack || error}\n`));
    parentPort.postMessage({ exit: 70 });
  });
}

// The interrupt flag holds one interrupt: a second one sent before Python has taken the first
// (it clears the flag) would be lost. Each is delivered once the flag is clear again.
function deliver(run) {
  if (run.interrupts === 0 || run.killed) return;
  if (Atomics.compareExchange(run.interrupt, 0, 0, SIGINT) === 0) {
    run.interrupts -= 1;
    Atomics.notify(run.interrupt, 0);
  }
  if (run.interrupts > 0 && !run.retry) {
    run.retry = setTimeout(() => { run.retry = null; deliver(run); }, 10);
  }
}

async function host() {
  const [pyodideDir, snapshotFile, setup, ...flags] = process.argv.slice(2);
  if (flags[0] === "--make-snapshot") return makeSnapshot(pyodideDir, snapshotFile, setup, flags[1], flags[2]);
  // Shared memory: every worker reads the same bytes (workerData would copy 30 MB per worker).
  const file = fs.readFileSync(snapshotFile);
  const snapshot = new Uint8Array(new SharedArrayBuffer(file.byteLength));
  snapshot.set(file);
  const bytes = fs.readFileSync(path.join(pyodideDir, "pyodide.asm.wasm"));
  const compiled = { module: await WebAssembly.compile(bytes), byteLength: bytes.byteLength };
  const running = new Map(); // job id -> {worker, interrupt}
  const answer = (message) => process.stdout.write(JSON.stringify(message) + "\n");
  for await (const line of readline.createInterface({ input: process.stdin })) {
    const message = JSON.parse(line);
    if (message.interrupt !== undefined || message.kill !== undefined) {
      const run = running.get(message.interrupt ?? message.kill);
      if (!run) continue;
      if (message.kill !== undefined) {
        run.killed = true;
        run.worker.terminate();
      } else {
        run.interrupts += 1;
        deliver(run);
      }
      continue;
    }
    const interrupt = new Int32Array(new SharedArrayBuffer(4));
    const w = new Worker(new URL(import.meta.url), {
      workerData: { pyodideDir, snapshot, setup, job: message, interrupt, compiled },
    });
    const run = { worker: w, interrupt, killed: false, exit: null, interrupts: 0, retry: null };
    running.set(message.id, run);
    w.on("message", (m) => { run.exit = m.exit; });
    w.on("error", (error) => {
      fs.appendFileSync(message.output, `guidekit/wasm_host.mjs: ${error && error.stack || error}\n`);
      run.exit = 70;
    });
    w.on("exit", (code) => {
      clearTimeout(run.retry);
      running.delete(message.id);
      answer({ id: message.id, exit: run.killed ? -9 : run.exit ?? code });
    });
  }
}

if (isMainThread) {
  host().catch((error) => {
    process.stderr.write(`guidekit/wasm_host.mjs: ${error && error.stack || error}\n`);
    process.exit(70);
  });
} else {
  worker();
}
