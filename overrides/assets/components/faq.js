/* FAQ: #id opens that answer, opening one puts its id in the address, a filter with a live
   count, expand/collapse all. Every word it shows comes from the page's data attributes. */
(() => {
  const root = document.querySelector("[data-faq]");
  if (!root) return;
  const items = [...root.querySelectorAll("details[id]")];
  const search = root.querySelector("input[type=search]");
  const counter = root.querySelector("[data-faq-count]");
  const texts = items.map((item) => item.textContent.toLowerCase());
  const countForms = JSON.parse(counter.dataset.count);
  const filteredForms = JSON.parse(counter.dataset.countFiltered);

  // Fill "{n} of {total} questions" with the plural form the number asks for.
  const say = (forms, number, values) =>
    forms[number === 1 ? "one" : "other"].replace(/\{(\w+)\}/g, (_, name) => values[name]);

  const filter = () => {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    const total = items.length;
    let shown = 0;
    items.forEach((item, index) => {
      item.hidden = !words.every((word) => texts[index].includes(word));
      if (!item.hidden) shown += 1;
    });
    root.querySelectorAll("section").forEach((section) => {
      section.hidden = !section.querySelector("details:not([hidden])");
    });
    if (!words.length) {
      counter.textContent = say(countForms, total, { n: total });
    } else {
      const count = say(filteredForms, total, { n: shown, total });
      counter.textContent = shown ? count : `${count}. ${counter.dataset.noMatch}`;
    }
  };

  const openFromAddress = () => {
    const wanted = decodeURIComponent(location.hash);
    const item = items.find((candidate) => `#${candidate.id}` === wanted);
    if (!item) return;
    if (item.hidden) {
      search.value = "";
      filter();
    }
    item.open = true;
    item.scrollIntoView();
  };

  // Runs before the summary toggles its <details>, so item.open is still the old state.
  root.addEventListener("click", (event) => {
    const item = event.target.closest("summary")?.parentElement;
    if (!item?.id) return;
    const hash = `#${item.id}`;
    let address = hash;
    if (item.open) {
      address = location.hash === hash ? location.pathname + location.search : location.hash;
    }
    history.replaceState(null, "", address);
  });
  search.addEventListener("input", filter);
  root.querySelector("[data-expand]").addEventListener("click", () => {
    items.forEach((item) => {
      item.open = true;
    });
  });
  root.querySelector("[data-collapse]").addEventListener("click", () => {
    items.forEach((item) => {
      item.open = false;
    });
  });
  addEventListener("hashchange", openFromAddress);
  root.querySelector("[data-faq-tools]").hidden = false;
  filter();
  openFromAddress();
})();
