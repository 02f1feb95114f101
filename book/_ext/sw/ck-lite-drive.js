// JupyterLite's Python kernel reads and writes the learner's files (my-work/,
// the workbook) through the service worker that controls the lite/ pages: the
// kernel's worker sends each file request to /api/drive, the service worker
// passes it to the page over a BroadcastChannel, and the page answers from
// the browser's storage.
//
// This is that relay, and only that, from JupyterLite's own service worker
// (packages/server/src/service-worker.ts, jupyterlite-core 0.8.6, BSD-3-Clause,
// (c) JupyterLite contributors). Workbox's worker (book/_ext/service_worker.py)
// loads it with importScripts, before its own routes, in place of JupyterLite's
// worker, whose cache could not work offline (it forgets that caching is on
// when the browser restarts it). Every request this does not answer goes on
// to Workbox's routes. The build checks it is still jupyterlite-core 0.8.6 before
// using this copy: "lite-drive-relay" in book/_ext/upstream.py.
"use strict";

(function () {
  var channel = new BroadcastChannel("/sw-api.v1");

  function relayed(url) {
    return (
      url.origin === self.location.origin &&
      (url.pathname.includes("/api/drive") || url.pathname.includes("/api/stdin/"))
    );
  }

  async function relay(request, url) {
    var message = await request.json();
    var requestId = message.requestId != null ? message.requestId : crypto.randomUUID();
    message.requestId = requestId;
    message.pathname = url.pathname;
    var answer = new Promise(function (resolve) {
      function onAnswer(event) {
        var data = event.data;
        if (data.browsingContextId !== message.browsingContextId || data.requestId !== requestId) {
          return;
        }
        channel.removeEventListener("message", onAnswer);
        resolve(new Response(JSON.stringify(data.response)));
      }
      channel.addEventListener("message", onAnswer);
    });
    channel.postMessage(message);
    return answer;
  }

  self.addEventListener("fetch", function (event) {
    var url = new URL(event.request.url);
    if (url.pathname === "/api/service-worker-heartbeat") {
      event.respondWith(new Response("ok"));
    } else if (relayed(url)) {
      event.respondWith(relay(event.request, url));
    }
  });
})();
