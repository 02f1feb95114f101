"""Waits the benchmarks and the browser tests share: each for a state, never for a moment."""

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
