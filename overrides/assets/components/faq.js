/* FAQ: #id opens that answer, opening one puts its id in the address, a filter with a live
   count, expand/collapse all. */
(() => {
  const root = document.querySelector("[data-faq]");
  if (!root) return;
  const $ = (s) => root.querySelector(s);
  const items = [...root.querySelectorAll("details[id]")], search = $("input[type=search]");
  const texts = items.map((d) => d.textContent.toLowerCase());
  const filter = () => {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean), all = `${items.length} questions`;
    let n = 0;
    items.forEach((d, i) => (n += !(d.hidden = !words.every((w) => texts[i].includes(w)))));
    root.querySelectorAll("section").forEach((s) => (s.hidden = !s.querySelector("details:not([hidden])")));
    $("[data-faq-count]").textContent = words.length ? `${n} of ${all}${n ? "" : ". Try another word."}` : all;
  };
  const open = () => {
    const d = items.find((d) => "#" + d.id === decodeURIComponent(location.hash));
    if (!d) return;
    if (d.hidden) filter((search.value = ""));
    d.open = true;
    d.scrollIntoView();
  };
  // Runs before the summary toggles its <details>: d.open is the old state.
  root.addEventListener("click", (e) => {
    const d = e.target.closest("summary")?.parentElement, hash = "#" + d?.id;
    if (d?.id) history.replaceState(null, "", d.open ? (location.hash === hash ? location.pathname + location.search : location.hash) : hash);
  });
  search.addEventListener("input", filter);
  $("[data-expand]").onclick = () => items.forEach((d) => (d.open = true));
  $("[data-collapse]").onclick = () => items.forEach((d) => (d.open = false));
  addEventListener("hashchange", open);
  $("[data-faq-tools]").hidden = false;
  filter();
  open();
})();
