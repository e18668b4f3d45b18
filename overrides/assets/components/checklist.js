/* "Before your appointment" checklist: the ticks are kept in this browser only, under
   carepages:<treatment>:checklist, and cleared by "Forget my data". */
(() => {
  document.querySelectorAll("[data-checklist]").forEach((root) => {
    const storageKey = `carepages:${root.dataset.treatment}:checklist`;
    const boxes = [...root.querySelectorAll("input[data-check-id]")];

    const stored = () => {
      try {
        return new Set(JSON.parse(localStorage.getItem(storageKey) || "[]"));
      } catch {
        return new Set();
      }
    };

    const save = () => {
      const ticked = boxes.filter((box) => box.checked).map((box) => box.dataset.checkId);
      try {
        if (ticked.length) localStorage.setItem(storageKey, JSON.stringify(ticked));
        else localStorage.removeItem(storageKey);
      } catch {
        // Storage is off (private mode): the ticks last for this visit only.
      }
    };

    const ticked = stored();
    boxes.forEach((box) => {
      box.checked = ticked.has(box.dataset.checkId);
    });
    root.addEventListener("change", save);
    document.addEventListener("carepages:forget", () => {
      boxes.forEach((box) => {
        box.checked = false;
      });
    });
    root.querySelector("[data-checklist-actions]").hidden = false;
  });
})();
