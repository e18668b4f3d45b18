/* Recovery timeline. The page carries every day of the plan as data (a JSON block written at
   build time by carepages.components.plan); this script only picks the entry for today's day
   offset, writes calendar dates in the page's locale and shows the result: the Today card, the
   state of each step (done steps fold away), the dates of the steps, the chart and the table,
   and the calendar file. Every word it shows comes from the page. The treatment date stays in
   this browser (localStorage) until "Forget my data". */
(() => {
  const DAY_MS = 864e5;

  // Whole calendar days, so a clock change (DST) never moves a date.
  const dayNumber = (date) => Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / DAY_MS;
  const addDays = (date, days) => new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
  const isoDay = (date) =>
    String(date.getFullYear()) + String(date.getMonth() + 101).slice(1) + String(date.getDate() + 100).slice(1);

  const element = (tag, text, className) => {
    const node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  };

  // The plan's entry for a day offset: the days before and after the plan's range share one.
  const entryFor = (plan, offset) => {
    if (offset < plan.first) return plan.before;
    if (offset > plan.last) return plan.after;
    return plan.days[offset - plan.first];
  };

  // RFC 5545: escape text, fold lines longer than 75 octets with CRLF and a space.
  const escapeText = (text) => text.replace(/[\\;,]/g, "\\$&").replace(/\r?\n/g, "\\n");
  const fold = (line) => {
    const encoder = new TextEncoder();
    let out = "";
    let size = 0;
    for (const character of line) {
      const bytes = encoder.encode(character).length;
      if (size + bytes > 75) {
        out += "\r\n ";
        size = 1;
      }
      out += character;
      size += bytes;
    }
    return out;
  };

  const setUp = (root) => {
    const find = (selector, scope = root) => scope.querySelector(selector);
    const plan = JSON.parse(find("script[data-plan]").textContent);
    const text = plan.text;
    const slug = root.dataset.treatment;
    const storageKey = `carepages:${slug}:treatment-date`;
    const format = new Intl.DateTimeFormat(root.dataset.locale, {
      weekday: "short",
      day: "numeric",
      month: "short",
    });
    // The chart's axis has less room: "16 Nov".
    const axisFormat = new Intl.DateTimeFormat(root.dataset.locale, { day: "numeric", month: "short" });
    const input = find("input[type=date]");
    const card = find("[data-today]");
    const hint = find(".cp-timeline__hint");
    const calendarButton = find("button[data-ics]");
    const chart = document.querySelector(`[data-chart][data-treatment="${slug}"]`);
    const table = document.querySelector(`[data-activities][data-treatment="${slug}"]`);
    const steps = [...root.querySelectorAll("li[data-step]")].map((item) => ({
      item,
      first: Number(item.dataset.firstDay),
      last: item.dataset.lastDay === "" ? null : Number(item.dataset.lastDay),
      dates: find("[data-dates]", item),
      relative: find("[data-dates]", item).textContent,
      badge: find("[data-badge]", item),
    }));
    const done = find("[data-past-steps]");
    const doneButton = find("[data-toggle]", done);
    // Everything whose words change once a date is set, with its words without one.
    const dated = [
      ...(table ? [...table.querySelectorAll("[data-again-day]")] : []),
      ...(chart ? [...chart.querySelectorAll("[data-again-day], [data-tick-day]")] : []),
    ].map((node) => ({ node, relative: node.textContent }));

    let treatment = null;
    const dateOf = (offset) => format.format(addDays(treatment, offset));
    const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, name) => values[name]);
    const stepDates = ({ first, last }) => {
      if (last === null) return fill(text.from, { first: dateOf(first) });
      if (last === first) return dateOf(first);
      return fill(text.range, { first: dateOf(first), last: dateOf(last) });
    };

    // The steps already done fold behind one button; one tap shows them again.
    let pastCount = 0;
    const foldPast = (folded) => {
      steps.forEach(({ item }, index) => {
        item.hidden = folded && index < pastCount;
      });
      done.hidden = pastCount === 0;
      doneButton.setAttribute("aria-expanded", String(!folded));
      const show = text.show[pastCount === 1 ? "one" : "other"];
      doneButton.textContent = folded ? fill(show, { n: pastCount }) : text.hide;
    };

    // A line of the card: its words, or a date in bold with the things it is about under it.
    const lineItem = ([lead, day, items]) => {
      const words = day === null ? lead : lead.replace("{date}", dateOf(day));
      if (!items.length) return element("li", words);
      const item = element("li");
      const list = element("ul");
      items.forEach((thing) => list.append(element("li", thing)));
      item.append(element("strong", words), list);
      return item;
    };

    const showCard = (offset, entry) => {
      const content = plan.cards[entry.card];
      find("[data-today-heading]", card).textContent = fill(text.heading, {
        date: dateOf(offset),
        when: entry.when,
      });
      const countdown = find("[data-today-countdown]", card);
      countdown.hidden = !entry.countdown;
      countdown.textContent = entry.countdown ? entry.countdown[0].replace("{date}", dateOf(entry.countdown[1])) : "";
      const here = find("[data-today-here]", card);
      here.replaceChildren();
      here.hidden = entry.current === null;
      if (entry.current !== null) {
        const [anchor, title] = plan.steps[entry.current];
        const [before, after] = text.here.split("{step}");
        const link = element("a", title);
        link.href = `#${anchor}`;
        here.append(before, link, after);
      }
      const groups = find("[data-today-groups]", card);
      groups.replaceChildren();
      const signs = find("[data-today-signs]", card);
      signs.replaceChildren();
      content.groups.forEach((group) => {
        if (group.key === "call") {
          group.lines.forEach((line) => signs.append(lineItem(line)));
          return;
        }
        const box = element("div", "", `cp-today__group cp-today__group--${group.key}`);
        const list = element("ul");
        group.lines.forEach((line) => list.append(lineItem(line)));
        box.append(element("h4", group.title), list);
        if (group.note) box.append(element("p", group.note, "cp-today__note"));
        groups.append(box);
      });
    };

    const show = (scroll) => {
      const offset = treatment && dayNumber(new Date()) - dayNumber(treatment);
      const entry = treatment && entryFor(plan, offset);
      card.hidden = !treatment;
      calendarButton.hidden = !treatment;
      // Once the date is in, the hint to add it has done its job.
      hint.hidden = Boolean(treatment);
      steps.forEach((step, index) => {
        const state = !treatment ? "" : index < entry.past ? "past" : index === entry.current ? "current" : "future";
        step.dates.textContent = treatment ? stepDates(step) : step.relative;
        if (state) step.item.dataset.state = state;
        else delete step.item.dataset.state;
        if (state === "current") step.item.setAttribute("aria-current", "step");
        else step.item.removeAttribute("aria-current");
        step.badge.hidden = state !== "current" && state !== "past";
        step.badge.textContent = state === "past" ? text.done : text.now;
      });
      pastCount = treatment ? entry.past : 0;
      foldPast(true);
      dated.forEach(({ node, relative }) => {
        const day = node.dataset.againDay ?? node.dataset.tickDay;
        if (!treatment) node.textContent = relative;
        else if (node.dataset.tickDay !== undefined) node.textContent = axisFormat.format(addDays(treatment, Number(day)));
        else if (node.closest("[data-chart]")) node.textContent = fill(text.again, { date: dateOf(Number(day)) });
        else node.textContent = fill(text.from, { first: dateOf(Number(day)) });
      });
      if (chart) {
        const positions = JSON.parse(chart.dataset.dayX);
        const x = treatment ? positions[offset - Number(chart.dataset.firstDay)] : undefined;
        chart.querySelectorAll("[data-today-line]").forEach((line) => {
          line.setAttribute("visibility", x === undefined ? "hidden" : "visible");
          line.setAttribute("x1", `${x ?? 0}%`);
          line.setAttribute("x2", `${x ?? 0}%`);
        });
        find("[data-today-key]", chart).hidden = x === undefined;
      }
      // With a date, the table folds behind the chart: the patient has today's card.
      if (table) table.open = !treatment;
      if (!treatment) return;
      showCard(offset, entry);
      if (scroll) card.scrollIntoView({ block: "start" });
    };

    const setDate = (value, scroll) => {
      const [year, month, day] = value.split("-").map(Number);
      const date = value ? new Date(year, month - 1, day) : null;
      // Half-typed years (0002, 0202) are not dates anyone means: wait for a plausible one.
      treatment = date && Math.abs(dayNumber(new Date()) - dayNumber(date)) < 3660 ? date : null;
      show(scroll);
      try {
        if (treatment) localStorage.setItem(storageKey, value);
        else if (!value) localStorage.removeItem(storageKey);
      } catch {
        // Storage may be off (private mode): the plan still works for this visit.
      }
    };

    const downloadCalendar = () => {
      const stamp = new Date().toISOString().replace(/[-:]|\.\d+/g, "");
      // The calendar is in the page's language; the file is named in it too.
      const language = (document.documentElement.lang || "en").toUpperCase();
      const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:-//carepages//recovery plan//${language}`, "METHOD:PUBLISH"];
      plan.events.forEach(([id, offset, words]) => {
        const day = addDays(treatment, offset);
        lines.push(
          "BEGIN:VEVENT",
          `UID:${slug}-${id}-${isoDay(day)}@carepages`,
          `DTSTAMP:${stamp}`,
          `DTSTART;VALUE=DATE:${isoDay(day)}`,
          `DTEND;VALUE=DATE:${isoDay(addDays(day, 1))}`,
          `SUMMARY:${escapeText(words)}`,
          "END:VEVENT",
        );
      });
      lines.push("END:VCALENDAR");
      const link = element("a");
      link.href = URL.createObjectURL(new Blob([`${lines.map(fold).join("\r\n")}\r\n`], { type: "text/calendar" }));
      link.download = fill(text.ics, { slug });
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 1e4);
    };

    input.addEventListener("change", () => setDate(input.value, true));
    // On paper the table is part of the handout, folded or not (not every browser prints a
    // closed <details> open).
    if (table) {
      let wasOpen = table.open;
      addEventListener("beforeprint", () => {
        wasOpen = table.open;
        table.open = true;
      });
      addEventListener("afterprint", () => {
        table.open = wasOpen;
      });
    }
    calendarButton.addEventListener("click", downloadCalendar);
    find("button[data-print]").addEventListener("click", () => window.print());
    doneButton.addEventListener("click", () => foldPast(doneButton.getAttribute("aria-expanded") === "true"));
    root.addEventListener("change", (event) => {
      if (event.target.name !== "show") return;
      const hidden = [...root.querySelectorAll("[name=show]:not(:checked)")].map((box) => box.value);
      root.dataset.hide = hidden.join(" ");
    });
    document.addEventListener("carepages:forget", () => {
      input.value = "";
      setDate("");
    });

    find("[data-timeline-controls]").hidden = false;
    find("[data-timeline-actions]").hidden = false;
    find("[data-filter]").hidden = false;
    try {
      input.value = localStorage.getItem(storageKey) || "";
    } catch {
      input.value = "";
    }
    setDate(input.value);
  };

  document.querySelectorAll("[data-timeline]").forEach(setUp);
})();
