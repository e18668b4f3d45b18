/* "Forget my data": removes everything this site keeps in this browser (the treatment date,
   the checklist's ticks: every localStorage key that starts with "carepages:"), then tells the
   page's components so they show the page as it is without them. */
(() => {
  const PREFIX = "carepages:";

  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-forget]");
    if (!button) return;
    try {
      Object.keys(localStorage)
        .filter((key) => key.startsWith(PREFIX))
        .forEach((key) => localStorage.removeItem(key));
    } catch {
      // Storage is off: there is nothing to forget.
    }
    document.dispatchEvent(new CustomEvent("carepages:forget"));
    const status = button.closest("[data-timeline], [data-checklist]")?.querySelector("[data-forget-status]");
    if (status) status.textContent = status.dataset.done;
  });
})();
