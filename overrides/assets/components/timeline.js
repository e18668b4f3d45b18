/* Recovery timeline: the treatment date (kept in localStorage only) gives real dates, a Today
   summary and a calendar file, read from the data-* hooks. Every word it shows, and the
   locale its dates are written in, come from the section's data-words (the page's language). */
(() => {
  const day = (t, n) => new Date(t.getFullYear(), t.getMonth(), t.getDate() + n);
  // Whole calendar days, so a clock change (DST) never shifts a date.
  const index = (d) => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 864e5;
  const first = (h) => Math.floor(h / 24);
  const last = (s, e) => (e === "" ? null : Math.max(first(s), Math.ceil(e / 24) - 1));
  const ymd = (d) => d.getFullYear() + String(d.getMonth() + 101).slice(1) + String(d.getDate() + 100).slice(1);
  const el = (tag, text = "", cls = "") => {
    const e = document.createElement(tag);
    e.textContent = text;
    e.className = cls;
    return e;
  };
  const list = (title, items) => {
    const box = el("div", "", "cp-timeline__group"), ul = el("ul");
    box.append(el("h4", title), ul);
    items.forEach((i) => ul.append(el("li", i)));
    return items.length ? box : "";
  };
  const covers = (a, b, k) => a <= k && (b === null || k <= b);

  document.querySelectorAll("[data-timeline]").forEach((root) => {
    const $ = (s, r = root) => r.querySelector(s);
    const words = JSON.parse(root.dataset.words);
    // Fill a string's {names}; a string with plural forms takes the one `n` asks for.
    const say = (key, values = {}, n) => {
      const entry = words[key];
      const text = typeof entry === "string" ? entry : entry[n === 1 ? "one" : "other"];
      return text.replace(/\{(\w+)\}/g, (_, name) => (name === "n" ? n : values[name]));
    };
    const slug = root.dataset.treatment, key = `carepages:${slug}:treatment-date`;
    const input = $("input[type=date]"), today = $("[data-today]"), countdown = $("[data-countdown]");
    const ics = $("button[data-ics]"), clear = $("button[data-clear]");
    const steps = [...root.querySelectorAll("li[data-start-hours]")].map((li) => {
      const s = +li.dataset.startHours, d = $("[data-dates]", li), badge = el("span", "", "cp-timeline__badge");
      $("h3", li).append(" ", badge);
      return { li, d, badge, rel: d.textContent, name: $(".cp-timeline__name", li).textContent, a: first(s), b: last(s, li.dataset.endHours) };
    });
    const rows = [...document.querySelectorAll(`[data-activities][data-treatment="${slug}"] tr[data-activity]`)].map((tr) => {
      const r = tr.dataset.resumeHours, cell = $("[data-resume]", tr);
      return {
        tr, cell, rel: cell.textContent,
        spans: tr.dataset.spans.split(" ").map((x) => x.split(":")).map(([s, e]) => [first(+s), last(+s, e)]),
        resume: r === "" ? null : Math.ceil(r / 24),
      };
    });
    let date = null;
    const on = (n) => day(date, n).toLocaleDateString(words.date_locale, { weekday: "short", day: "numeric", month: "short" });
    const dates = (a, b) => (b === null ? say("timeline_from_date", { date: on(a) }) : on(a) + (a < b ? " – " + on(b) : ""));

    const show = (scroll) => {
      const k = date && index(new Date()) - index(date);
      let now = null;
      steps.forEach((st) => {
        const { li, a, b } = st;
        ["aria-current", "data-state"].forEach((a) => li.removeAttribute(a));
        st.d.textContent = date ? dates(a, b) : st.rel;
        if (!date) return;
        li.dataset.state = b !== null && k > b ? "past" : "future";
        // Several steps may include today: the one that started latest is current.
        if (covers(a, b, k) && (!now || a >= now.a)) now = st;
      });
      if (now) now.li.dataset.state = "current";
      steps.forEach(({ li, badge }) => {
        const s = li.dataset.state;
        badge.hidden = !s || s === "future";
        badge.textContent = say(s === "past" ? "timeline_done" : "timeline_now");
      });
      rows.forEach((r) => (r.cell.textContent = date && r.resume !== null ? say("timeline_from_date", { date: on(r.resume) }) : r.rel));
      today.hidden = countdown.hidden = ics.hidden = clear.hidden = !date;
      today.replaceChildren();
      countdown.replaceChildren();
      if (!date) return;
      today.append(el("h3", k < 0 ? say("timeline_today_before", { date: on(k) }, -k) : say("timeline_today_day", { date: on(k) }, k + 1)));
      if (now) {
        const { li } = now, p = el("p", say("timeline_you_are_here") + " "), a = el("a", now.name);
        li.setAttribute("aria-current", "step");
        a.href = "#" + li.id;
        p.append(a);
        today.append(p, ...[...li.querySelectorAll("[data-kind]")].map((g) => g.cloneNode(true)));
      }
      const ok = [], wait = [], soon = [];
      rows.forEach(({ tr, spans, resume }) => {
        const label = tr.dataset.label, next = spans.find(([a]) => a > k);
        if (spans.some(([a, b]) => covers(a, b, k))) wait.push(resume === null ? say("timeline_wait_ask", { label }) : say("timeline_wait_from", { label, date: on(resume) }));
        else if (resume !== null && k >= resume) ok.push(label);
        else if (next) soon.push(say("timeline_stop_on", { label, date: on(next[0]) }));
      });
      today.append(list(say("timeline_can_do_again"), ok), list(say("timeline_not_yet"), wait), list(say("timeline_stop_soon"), soon));
      countdown.hidden = k >= 0;
      countdown.append(
        el("h3", say("timeline_countdown", { date: on(0) }, -k)),
        list(say("timeline_getting_ready"), steps.filter((s) => s.a < 0 && s.b !== null && s.b >= k).map((s) => `${s.name}: ${dates(s.a, s.b)}${s === now ? " " + say("timeline_now_marker") : ""}`)),
      );
      // Smooth only if the reader allows motion: scroll-behavior in timeline.css.
      if (scroll && now) $("h3", now.li).scrollIntoView({ block: "nearest" });
    };

    const set = (value, scroll) => {
      const [y, m, d] = value.split("-").map(Number), t = value && new Date(y, m - 1, d);
      // Half-typed years (0002, 0202) are not dates anyone means: wait for a plausible one.
      date = t && Math.abs(index(new Date()) - index(t)) < 3660 ? t : null;
      show(scroll);
      try {
        if (date) localStorage.setItem(key, value);
        else if (!value) localStorage.removeItem(key);
      } catch {}
    };

    input.addEventListener("change", () => set(input.value, true));
    clear.addEventListener("click", () => {
      set((input.value = ""));
      input.focus();
    });
    ics.addEventListener("click", () => {
      const ev = [], enc = new TextEncoder();
      const stamp = new Date().toISOString().replace(/[-:]|\.\d+/g, "");
      rows.forEach(({ tr, resume }) => resume !== null && ev.push([tr.dataset.activity, resume, tr.dataset.resumeText]));
      steps.forEach(({ li, b }, i) => b !== null && li.dataset.check && ev.push(["check-" + (i + 1), b, say("timeline_check_in", { check: li.dataset.check })]));
      // RFC 5545: escape text; fold lines longer than 75 octets with CRLF and a space.
      const fold = (line) => {
        let out = "", n = 0;
        for (const c of line) {
          const size = enc.encode(c).length;
          if (n + size > 75) (out += "\r\n "), (n = 1);
          out += c;
          n += size;
        }
        return out;
      };
      const lang = (document.documentElement.lang || "en").toUpperCase();
      const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:-//carepages//timeline//${lang}`, "METHOD:PUBLISH"];
      ev.forEach(([id, offset, text]) => {
        const d = day(date, offset);
        lines.push("BEGIN:VEVENT", `UID:${slug}-${id}-${ymd(d)}@carepages`, "DTSTAMP:" + stamp, "DTSTART;VALUE=DATE:" + ymd(d),
          "DTEND;VALUE=DATE:" + ymd(day(d, 1)), "SUMMARY:" + text.replace(/[\\;,]/g, "\\$&").replace(/\r?\n/g, "\\n"), "END:VEVENT");
      });
      lines.push("END:VCALENDAR");
      const a = el("a");
      a.href = URL.createObjectURL(new Blob([lines.map(fold).join("\r\n") + "\r\n"], { type: "text/calendar" }));
      a.download = say("timeline_ics_name", { slug });
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 1e4);
    });
    root.addEventListener("change", (e) => {
      if (e.target.name === "show")
        root.dataset.hide = [...root.querySelectorAll("[name=show]:not(:checked)")].map((c) => c.value).join(" ");
    });

    $("[data-timeline-controls]").hidden = false;
    try {
      input.value = localStorage.getItem(key) || "";
    } catch {}
    set(input.value);
  });
})();
