"""What the benchmarks and the browser tests share in the page.

Waits, each for a state and never for a moment, and the close both type.
"""

from __future__ import annotations

#: Polls in the page until ``n`` service workers are registered and installed (their
#: precache stored); rejects after ``ms``. A promise, so it is awaited with
#: ``page.evaluate``: ``wait_for_function`` would take the promise itself as true.
WORKERS_INSTALLED = """
async ([n, ms]) => {
  const deadline = Date.now() + ms;
  for (;;) {
    const rs = await navigator.serviceWorker.getRegistrations();
    if (rs.length === n && rs.every((r) => r.active && !r.installing && !r.waiting)) {
      return rs.map((r) => new URL(r.scope).pathname).sort();
    }
    if (Date.now() > deadline) {
      throw new Error(`${rs.length} service workers installed of ${n} after ${ms} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
"""


#: Set on the page from its first script (``add_init_script``): ``window.__ckKernelReady``
#: is true once the notebook's kernel has gone from starting (any status but idle) to
#: idle. The status reads "idle" for a moment before the kernel even connects; cells run
#: then can be lost.
KERNEL_READY = """
(() => {
  let started = false;
  new MutationObserver(() => {
    const status = document.querySelector('.jp-Notebook-ExecutionIndicator')
      ?.getAttribute('data-status');
    if (status && status !== 'idle') started = true;
    if (started && status === 'idle') window.__ckKernelReady = true;
  }).observe(document, {subtree: true, childList: true, attributes: true});
})();
"""

#: One close, scored 100/100 everywhere: what the JupyterLite benchmark and tests type.
CLOSE = (
    "Thank you for your time today. You need someone who can run scheduling for three sites, "
    "and I have done exactly that for two years, cutting overtime by a fifth. "
    "Do you see me succeeding in this role, and will you move me forward?"
)
