/* Traject working time, the week that works without a network.
 *
 * The week's entries live in IndexedDB (idb); every add, change and delete is applied here at
 * once and queued. When the network is there, the queue is sent to the JSON API in order, each
 * change with the version it was based on. A 409 (changed elsewhere) becomes a conflict the
 * ASO resolves; nothing is overwritten, nothing is lost when the phone is closed in between.
 */
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("wt-app-config").textContent);
  const S = config.strings;
  const root = document.getElementById("wt-app");
  const DB_NAME = "traject-worktime-" + config.owner;
  let db;
  let monday = location.hash.length === 11 ? location.hash.slice(1) : config.this_monday;
  let serverVerdicts = null; // violations of the shown week from the server, when fresh
  let syncing = false;

  // --- time in the ASO's zone ---------------------------------------------------------------
  const partsFormat = new Intl.DateTimeFormat("en-GB", {
    timeZone: config.timezone, hourCycle: "h23", year: "numeric", month: "2-digit",
    day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
  });
  function zoneParts(ms) {
    const p = {};
    for (const part of partsFormat.formatToParts(new Date(ms))) p[part.type] = part.value;
    return p;
  }
  function offsetAt(ms) {
    const p = zoneParts(ms);
    return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour % 24, +p.minute, +p.second) - ms;
  }
  /** A local "YYYY-MM-DDTHH:MM" in the ASO's zone to an instant (ambiguous: the first). */
  function toInstant(local) {
    const [d, t] = local.split("T");
    const [y, m, day] = d.split("-").map(Number);
    const [h, mi] = t.split(":").map(Number);
    const guess = Date.UTC(y, m - 1, day, h, mi);
    const before = offsetAt(guess - 86400e3);
    const found = [...new Set([before, offsetAt(guess + 86400e3)])]
      .map((o) => guess - o)
      .filter((ms) => offsetAt(ms) === guess - ms);
    return found.length ? Math.min(...found) : guess - before;
  }
  /** An instant to the local "YYYY-MM-DDTHH:MM" in the ASO's zone. */
  function toLocal(ms) {
    const p = zoneParts(ms);
    return `${p.year}-${p.month}-${p.day}T${p.hour === "24" ? "00" : p.hour}:${p.minute}`;
  }
  function addDays(day, n) {
    const d = new Date(day + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }
  function fmtHours(h) {
    const r = Math.round(h * 10) / 10;
    return (Number.isInteger(r) ? String(r) : r.toFixed(1)).replace(".", document.documentElement.lang === "en" ? "." : ",");
  }
  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, (_, k) => values[k]);
  }

  // --- storage --------------------------------------------------------------------------------
  async function open() {
    db = await idb.openDB(DB_NAME, 1, {
      upgrade(d) {
        d.createObjectStore("entries", { keyPath: "key" });
        d.createObjectStore("queue", { keyPath: "seq", autoIncrement: true });
      },
    });
  }
  function fromServer(e) {
    return {
      key: String(e.id), id: e.id, version: e.version, kind: e.kind, note: e.note || "",
      restrictive: !!e.restrictive,
      start: toLocal(Date.parse(e.start)), end: toLocal(Date.parse(e.end)),
    };
  }
  async function queueFor(key) {
    return (await db.getAll("queue")).find((item) => item.key === key);
  }

  // --- local changes: applied at once, queued for the server ------------------------------------
  async function saveLocal(data, key) {
    const tx = db.transaction(["entries", "queue"], "readwrite");
    const entries = tx.objectStore("entries");
    const queue = tx.objectStore("queue");
    const pending = (await queue.getAll()).find((item) => item.key === key);
    if (!key) {
      key = "local-" + Date.now() + "-" + Math.random().toString(36).slice(2, 8);
      await entries.put({ key, id: null, version: null, ...data });
      await queue.add({ op: "create", key, entryId: null, baseVersion: null, data, at: Date.now() });
    } else {
      const current = await entries.get(key);
      await entries.put({ ...current, ...data });
      if (pending) {
        // One change per entry: a later edit folds into the pending one (same base version).
        pending.data = data;
        pending.error = null;
        await queue.put(pending);
      } else {
        await queue.add({ op: "update", key, entryId: current.id, baseVersion: current.version, data, at: Date.now() });
      }
    }
    await tx.done;
  }
  async function deleteLocal(key) {
    const tx = db.transaction(["entries", "queue"], "readwrite");
    const current = await tx.objectStore("entries").get(key);
    const queue = tx.objectStore("queue");
    const pending = (await queue.getAll()).find((item) => item.key === key);
    await tx.objectStore("entries").delete(key);
    if (pending && pending.op === "create") {
      await queue.delete(pending.seq); // never reached the server: nothing to send
    } else if (pending) {
      pending.op = "delete";
      pending.error = null;
      await queue.put(pending);
    } else if (current && current.id) {
      await queue.add({ op: "delete", key, entryId: current.id, baseVersion: current.version, data: current, at: Date.now() });
    }
    await tx.done;
  }

  // --- the server -------------------------------------------------------------------------------
  function csrf() {
    const m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : config.csrf;
  }
  async function api(method, path, body) {
    const response = await fetch(config.api + path, {
      method, credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf(), Accept: "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let json = null;
    if (response.status !== 204) {
      try { json = await response.json(); } catch (e) { json = null; }
    }
    return { status: response.status, json };
  }
  function problemText(json) {
    if (!json) return "";
    if (Array.isArray(json.detail)) return json.detail.map((d) => d.msg || d.message || JSON.stringify(d)).join(" ");
    if (typeof json.detail === "object") return Object.values(json.detail).flat().join(" ");
    return String(json.detail || json.message || "");
  }
  async function serverEntry(item) {
    const day = item.data.start.slice(0, 10);
    const r = await api("GET", `/entries?start=${addDays(day, -1)}&end=${addDays(day, 1)}`);
    return r.status === 200 ? r.json.find((e) => e.id === item.entryId) || null : undefined;
  }

  async function sendOne(item) {
    const payload = {
      start: item.data.start, end: item.data.end, kind: item.data.kind,
      note: item.data.note || "", restrictive: !!item.data.restrictive,
    };
    let r;
    if (item.op === "create") r = await api("POST", "/entries", payload);
    else if (item.op === "update") r = await api("PUT", `/entries/${item.entryId}`, { ...payload, version: item.baseVersion });
    else r = await api("DELETE", `/entries/${item.entryId}?version=${item.baseVersion}`);
    if (r.status === 201 || r.status === 200) {
      const tx = db.transaction(["entries", "queue"], "readwrite");
      await tx.objectStore("entries").delete(item.key);
      await tx.objectStore("entries").put(fromServer(r.json));
      await tx.objectStore("queue").delete(item.seq);
      await tx.done;
    } else if (r.status === 204 || (r.status === 404 && item.op === "delete")) {
      await db.delete("queue", item.seq);
    } else if (r.status === 409 || r.status === 404) {
      // Changed (or deleted) elsewhere since this change was made: the ASO decides.
      item.conflict = { server: r.status === 404 ? null : await serverEntry(item) };
      await db.put("queue", item);
    } else if (r.status === 400 || r.status === 422) {
      item.error = problemText(r.json) || String(r.status);
      await db.put("queue", item);
    } else {
      throw new Error("server " + r.status); // 5xx, 401...: try again later, keep the order
    }
  }

  async function sync() {
    if (syncing || !navigator.onLine) return;
    syncing = true;
    try {
      for (const item of await db.getAll("queue")) {
        if (item.conflict || item.error) continue; // waits for the ASO
        await sendOne(item);
      }
      await refreshWeek();
    } catch (e) {
      // Network gone again: the queue stays as it is, in order.
      console.warn("worktime sync postponed:", e && e.message);
    } finally {
      syncing = false;
      await render();
    }
  }

  async function refreshWeek() {
    const sunday = addDays(monday, 6);
    const list = await api("GET", `/entries?start=${monday}&end=${sunday}`);
    if (list.status !== 200) return;
    const pendingKeys = new Set((await db.getAll("queue")).map((item) => item.key));
    const tx = db.transaction("entries", "readwrite");
    const lo = toInstant(monday + "T00:00"), hi = toInstant(addDays(monday, 7) + "T00:00");
    const fresh = new Set(list.json.map((e) => String(e.id)));
    for (const e of await tx.store.getAll()) {
      // Server entries of this week no longer on the server were deleted elsewhere.
      const inWeek = toInstant(e.start) < hi && toInstant(e.end) > lo;
      if (e.id && inWeek && !fresh.has(e.key) && !pendingKeys.has(e.key)) await tx.store.delete(e.key);
    }
    for (const e of list.json) {
      if (!pendingKeys.has(String(e.id))) await tx.store.put(fromServer(e));
    }
    await tx.done;
    const report = await api("GET", `/report?start=${monday}&end=${sunday}`);
    const queue = await db.getAll("queue");
    serverVerdicts = report.status === 200 && !queue.length ? report.json.violations : null;
  }

  // --- counters and verdicts computed here ----------------------------------------------------
  function counted(e) {
    return config.counted.includes(e.kind) || (config.counts_restrictive && e.restrictive && e.kind === "oncall_home_standby");
  }
  function weekLimit() {
    const sunday = addDays(monday, 6);
    const covered = config.opt_out.some((p) => (!p.from || p.from <= monday) && (!p.until || p.until >= sunday));
    return covered && config.opt_out_week_limit ? config.opt_out_week_limit : config.week_limit;
  }
  function localVerdicts(entries) {
    const lo = toInstant(monday + "T00:00"), hi = toInstant(addDays(monday, 7) + "T00:00");
    const work = entries.filter(counted).map((e) => [toInstant(e.start), toInstant(e.end), e.kind]).sort((a, b) => a[0] - b[0]);
    let hours = 0;
    for (const [s, e] of work) hours += Math.max(0, Math.min(e, hi) - Math.max(s, lo)) / 3600e3;
    const verdicts = [], warnings = [];
    const limit = weekLimit();
    if (limit != null) {
      if (hours > limit + 1e-9 && config.week_rule) {
        verdicts.push({ rule: config.week_rule, message: fill(S.over, { week: monday, hours: fmtHours(hours), limit: fmtHours(limit) }) });
      } else if (limit - hours <= config.warn_week_h) {
        warnings.push(fill(S.left, { left: fmtHours(limit - hours), limit: fmtHours(limit) }));
      }
    }
    // Stints: touching or overlapping counted entries are one.
    const stints = [];
    for (const [s, e, kind] of work) {
      const last = stints[stints.length - 1];
      if (last && s <= last[1]) { last[1] = Math.max(last[1], e); last[2] = last[2] || kind === "oncall_inhouse"; }
      else stints.push([s, e, kind === "oncall_inhouse"]);
    }
    for (const [s, e, inhouse] of stints) {
      const max = inhouse ? config.stint_limits.inhouse : config.stint_limits.other;
      const length = (e - s) / 3600e3;
      if (max != null && length > max + 1e-9 && s >= lo && s < hi) {
        verdicts.push({ rule: config.stint_rule, message: fill(S.stint_over, { hours: fmtHours(length), limit: fmtHours(max) }) });
      }
    }
    return { hours, limit, verdicts, warnings };
  }

  // --- the page -------------------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v; else if (k.startsWith("data-")) node.setAttribute(k, v); else node[k] = v;
    }
    for (const child of children) if (child != null) node.append(child);
    return node;
  }
  const kindLabel = Object.fromEntries(config.kinds);

  async function render() {
    const entries = await db.getAll("entries");
    const queue = await db.getAll("queue");
    const pendingKeys = new Map(queue.map((item) => [item.key, item]));
    const lo = toInstant(monday + "T00:00"), hi = toInstant(addDays(monday, 7) + "T00:00");
    const week = entries.filter((e) => toInstant(e.start) < hi && toInstant(e.end) > lo);
    document.getElementById("wt-app-title").textContent = `${monday} – ${addDays(monday, 6)}`;
    const net = document.getElementById("wt-net");
    net.textContent = navigator.onLine ? S.online : S.offline;
    net.className = "wt-net" + (navigator.onLine ? "" : " offline");

    const figures = localVerdicts(week);
    document.getElementById("wt-week-hours").textContent =
      fmtHours(figures.hours) + (figures.limit != null ? " / " + fmtHours(figures.limit) : "") + " " + S.h;
    const counter = document.querySelector("[data-counter=week]");
    counter.classList.toggle("bad", figures.verdicts.some((v) => v.rule === config.week_rule));
    const warnings = document.getElementById("wt-warnings");
    warnings.replaceChildren(...figures.warnings.map((w) => el("li", {}, w)));
    warnings.hidden = !figures.warnings.length;

    const useServer = serverVerdicts !== null && navigator.onLine && !queue.length;
    const verdicts = useServer ? serverVerdicts : figures.verdicts;
    document.getElementById("wt-verdicts-source").textContent = useServer ? S.from_server : S.computed_here;
    document.getElementById("wt-verdicts").replaceChildren(...verdicts.map((v) =>
      el("div", { class: "wt-violation", "data-rule": v.rule }, el("p", {}, el("strong", {}, v.message)), el("small", { class: "muted" }, v.rule))));
    root.dataset.verdicts = verdicts.map((v) => v.rule).sort().join(" ");
    root.dataset.source = useServer ? "server" : "local";

    const days = [];
    for (let i = 0; i < 7; i++) {
      const day = addDays(monday, i);
      const items = week.filter((e) => e.start.slice(0, 10) === day).sort((a, b) => (a.start < b.start ? -1 : 1));
      const label = new Date(day + "T12:00:00Z").toLocaleDateString(document.documentElement.lang || "nl", { weekday: "long", day: "numeric", month: "short", timeZone: "UTC" });
      days.push(el("li", { class: "wt-day", "data-day": day },
        el("div", {}, el("span", { class: "wt-dayname" }, label)),
        el("button", { type: "button", class: "wt-add", "data-add": day, "aria-label": label, textContent: "+" }),
        items.length ? el("ul", { class: "wt-entries" }, ...items.map((e) => el("li", {},
          el("button", { type: "button", class: "wt-entry" + (e.kind === "oncall_home_standby" ? " standby" : ""), "data-key": e.key },
            el("span", {}, `${e.start.slice(11)}–${e.end.slice(11)}${e.end.slice(0, 10) > day ? " (+1)" : ""}`),
            el("span", {}, `${kindLabel[e.kind] || e.kind} · ${fmtHours((toInstant(e.end) - toInstant(e.start)) / 3600e3)} ${S.h}`),
            pendingKeys.has(e.key) ? el("span", { class: "wt-pending" }, S[pendingKeys.get(e.key).op]) : null)))) : null));
    }
    document.getElementById("wt-days").replaceChildren(...days);

    document.getElementById("wt-queue-count").textContent = String(queue.length);
    const list = queue.map((item) => {
      const what = `${S[item.op]}: ${item.data.start.replace("T", " ")} – ${item.data.end.slice(11)} · ${kindLabel[item.data.kind] || item.data.kind}`;
      const li = el("li", { class: item.conflict ? "conflict" : item.error ? "error" : "", "data-seq": String(item.seq) }, el("span", {}, what));
      if (item.conflict) {
        const theirs = item.conflict.server;
        li.append(el("p", {}, S.conflict),
          el("p", {}, el("small", {}, `${S.theirs}: ` + (theirs ? `${toLocal(Date.parse(theirs.start)).replace("T", " ")} – ${toLocal(Date.parse(theirs.end)).slice(11)} · ${kindLabel[theirs.kind] || theirs.kind}` : S.deleted_elsewhere))),
          el("button", { type: "button", class: "secondary", "data-resolve": "mine", "data-seq": String(item.seq), textContent: S.keep_mine }),
          el("button", { type: "button", class: "secondary outline", "data-resolve": "theirs", "data-seq": String(item.seq), textContent: S.keep_theirs }));
      } else if (item.error) {
        li.append(el("p", {}, `${S.error} ${item.error}`),
          el("button", { type: "button", class: "secondary outline", "data-resolve": "discard", "data-seq": String(item.seq), textContent: S.discard }));
      }
      return li;
    });
    document.getElementById("wt-queue").replaceChildren(...(list.length ? list : [el("li", {}, S.none_pending)]));
    root.dataset.state = "ready";
    root.dataset.pending = String(queue.length);
  }

  async function resolve(seq, choice) {
    const item = await db.get("queue", seq);
    if (!item) return;
    const theirs = item.conflict && item.conflict.server;
    if (choice === "mine") {
      if (theirs) {
        item.baseVersion = theirs.version; // my change, now knowingly based on theirs
      } else if (item.op !== "delete") {
        item.op = "create"; // deleted elsewhere: mine comes back as a new entry
        item.entryId = null;
      }
      item.conflict = null;
      if (item.op === "delete" && !theirs) await db.delete("queue", seq);
      else await db.put("queue", item);
    } else {
      const tx = db.transaction(["entries", "queue"], "readwrite");
      await tx.objectStore("queue").delete(seq);
      await tx.objectStore("entries").delete(item.key);
      if (theirs && choice === "theirs") await tx.objectStore("entries").put(fromServer(theirs));
      await tx.done;
      if (choice === "discard" && item.op !== "create" && navigator.onLine) await refreshWeek();
    }
    await render();
    sync();
  }

  // --- the form -------------------------------------------------------------------------------
  const form = document.getElementById("wt-entry-form");
  function resetForm(day) {
    form.reset();
    form.key.value = "";
    form.day.value = day || monday;
    document.getElementById("wt-delete").hidden = true;
    document.getElementById("wt-cancel").hidden = true;
    document.getElementById("wt-form-error").hidden = true;
  }
  async function editForm(key) {
    const e = await db.get("entries", key);
    if (!e) return;
    form.key.value = key;
    form.day.value = e.start.slice(0, 10);
    form.start.value = e.start.slice(11);
    form.end.value = e.end.slice(11);
    form.kind.value = e.kind;
    form.restrictive.checked = !!e.restrictive;
    document.getElementById("wt-delete").hidden = false;
    document.getElementById("wt-cancel").hidden = false;
    form.scrollIntoView({ block: "nearest" });
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const error = document.getElementById("wt-form-error");
    if (!form.day.value || !form.start.value || !form.end.value) {
      error.textContent = form.day.validationMessage || form.start.validationMessage || form.end.validationMessage || "?";
      error.hidden = false;
      return;
    }
    const start = `${form.day.value}T${form.start.value}`;
    const endDay = form.end.value <= form.start.value ? addDays(form.day.value, 1) : form.day.value;
    const data = {
      start, end: `${endDay}T${form.end.value}`, kind: form.kind.value, note: "",
      restrictive: form.restrictive.checked && form.kind.value === "oncall_home_standby",
    };
    await saveLocal(data, form.key.value || null);
    resetForm(form.day.value);
    await render();
    sync();
  });
  document.getElementById("wt-delete").addEventListener("click", async () => {
    if (form.key.value) await deleteLocal(form.key.value);
    resetForm();
    await render();
    sync();
  });
  document.getElementById("wt-cancel").addEventListener("click", () => resetForm());
  root.addEventListener("click", (event) => {
    const target = event.target.closest("button");
    if (!target) return;
    if (target.dataset.add) { resetForm(target.dataset.add); form.start.focus(); }
    else if (target.dataset.key) editForm(target.dataset.key);
    else if (target.dataset.resolve) resolve(Number(target.dataset.seq), target.dataset.resolve);
    else if (target.dataset.nav) {
      monday = addDays(monday, 7 * Number(target.dataset.nav));
      history.replaceState(null, "", "#" + monday);
      serverVerdicts = null;
      resetForm();
      render().then(() => navigator.onLine && refreshWeek().then(render).catch(() => undefined));
    }
  });
  window.addEventListener("online", sync);
  window.addEventListener("offline", render);

  // --- start ----------------------------------------------------------------------------------
  async function start() {
    await open();
    resetForm();
    await render();
    if ("serviceWorker" in navigator) {
      try {
        await navigator.serviceWorker.register("/worktime/sw.js", { scope: "/worktime/" });
        // Keep this page and what it loaded for the next time there is no network.
        if (navigator.onLine && "caches" in window) {
          const urls = [config.app, ...performance.getEntriesByType("resource").map((r) => r.name)
            .filter((u) => u.startsWith(location.origin + "/static/"))];
          const cache = await caches.open("traject-worktime-shell-v1");
          await cache.addAll([...new Set(urls)]);
        }
      } catch (e) {
        // No service worker (an old browser, a private window): the page still works online.
      }
    }
    await sync();
    root.dataset.sw = navigator.serviceWorker && navigator.serviceWorker.controller ? "active" : "none";
  }
  start();
})();
