/* Runs first inside the hidden frame in which the search worker runs when the site is opened
   from disk (file://), where browsers refuse to start a Worker. It gives the frame the
   worker's globals: postMessage to the page, importScripts, and errors passed up to the page.
   The iframe-worker shim used to write this as an inline script, which the site's
   Content-Security-Policy does not run; carepages' build points the shim at this file. */
(() => {
  const worker = document.currentScript.dataset.worker;
  // Material's search worker finds its own address as the frame's first script[src], and
  // from it the lunr language packs (Spanish stemming): leave the frame as upstream's inline
  // bootstrap does, with the worker's script the first one.
  document.currentScript.remove();
  window.postMessage = (message, origin) => parent.postMessage(message, origin || "*");
  window.importScripts = (...urls) =>
    urls.reduce(
      (loaded, url) =>
        loaded.then(
          () =>
            new Promise((resolve) => {
              const script = document.createElement("script");
              script.src = url;
              script.onload = resolve;
              document.body.appendChild(script);
            }),
        ),
      Promise.resolve(),
    );
  addEventListener("error", ({ error }) => {
    parent.dispatchEvent(new ErrorEvent("error", { filename: worker, error }));
  });
})();
