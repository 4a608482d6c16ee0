// The exported web page's script (models3d/webpage.py puts it inline, after three.js).
// It reads the station GLB and the phase data embedded in the page, shows the phase
// chosen on the timeline, and the figures of the module clicked, in English or Russian.
// Module and plan figures come from the GLB nodes' extras (models3d/scene_extras.py).
// window.ross is the page's API: ready (a promise), setPhase(n) with n from 1, phase(),
// play(), pause(), select(id), setLanguage("en" | "ru"), visibleModules(), frames.
"use strict";
(() => {
  const STEP_MS = 1000; // a docking motion, as in the app's animations
  const HOLD_MS = 800; // each phase held still while playing
  const SPACE = 0x060914; // the app's background
  const QUANTITIES = ["mass", "length", "diameter", "pressurized_volume", "power",
    "array_area", "propellant", "design_life", "docking_ports"];
  const TOTALS = ["mass", "pressurized_volume", "power"];
  const WORDS = {
    en: {
      mass: "Mass", length: "Length", diameter: "Diameter",
      pressurized_volume: "Pressurized volume", power: "Electrical power",
      array_area: "Solar array area", propellant: "Propellant", design_life: "Design life",
      docking_ports: "Docking ports", crew: "Crew", inclination: "Inclination",
      altitude: "Altitude", confirmed: "confirmed", conflict: "conflict",
      uncertain: "uncertain", inferred: "inferred", phase: "Phase", play: "Play",
      pause: "Pause", sources: "Sources", interpretation: "Interpretation",
      totals: "Station totals", perPhase: "Totals per phase", ports: "Ports used / free",
      module: "module", vehicle: "visiting vehicle", partner: "partner module",
      reference: "reference model", launch: "Launch", drawn: "Drawn at",
      pick: "Click a module to see its figures and sources.",
      hint: "Drag to orbit · right-drag to pan · wheel to zoom · click a module",
      noFigures: "No published figures.",
      unknown: "unknown", status: "status", announced: "announced", added: "added",
      removed: "removed", relocated: "relocated", layoutNote:
        "Layout: an interpretation; no source gives port-by-port assignments",
      noWebgl: "This browser cannot draw 3D (WebGL is off); the figures are below.",
      summary: "The plan", orbit: "Orbit", dateUnknown: "date not announced",
      tours: "Tours", published: "published sizes", drawnInferred: "sizes inferred",
      concept: "concept", official: "official", superseded: "superseded",
      current: "current", historical: "historical", outletOnly: "outlet only, no page to link",
      lowReliability: "low reliability", dockedTo: "docked to", port: "port",
      unknownTotal: "Unknown: no module of this phase has a published figure.",
      atLeast: "At least {v}: {n}; no figure published for {missing}.",
      about: "About {v} ({r} where sources differ); {n}, none missing.",
      exactly: "{v}; {n}, none missing.",
    },
    ru: {
      mass: "Масса", length: "Длина", diameter: "Диаметр",
      pressurized_volume: "Гермообъём", power: "Электрическая мощность",
      array_area: "Площадь солнечных батарей", propellant: "Топливо",
      design_life: "Ресурс", docking_ports: "Стыковочные узлы", crew: "Экипаж",
      inclination: "Наклонение", altitude: "Высота", confirmed: "подтверждено",
      conflict: "расхождение", uncertain: "неточно", inferred: "выведено",
      phase: "Этап", play: "Пуск", pause: "Пауза", sources: "Источники",
      interpretation: "Интерпретация", totals: "Станция в целом",
      perPhase: "Итоги по этапам", ports: "Узлы заняты / свободны", module: "модуль",
      vehicle: "корабль", partner: "модуль партнёра", reference: "модель для сравнения",
      launch: "Запуск", drawn: "Нарисован", pick:
        "Щёлкните модуль, чтобы увидеть его характеристики и источники.",
      hint: "Тянуть — вращать · правой кнопкой — сдвигать · колесо — масштаб · щелчок — модуль",
      noFigures: "Опубликованных данных нет.",
      unknown: "неизвестно", status: "статус", announced: "объявлен", added: "добавлен",
      removed: "убран", relocated: "перестыкован", layoutNote:
        "Компоновка — интерпретация: источники не называют узлы стыковки",
      noWebgl: "Браузер не рисует 3D (WebGL выключен); данные ниже.",
      summary: "План", orbit: "Орбита", dateUnknown: "дата не объявлена", tours: "Экскурсии",
      published: "размеры опубликованы", drawnInferred: "размеры выведены",
      concept: "концепция", official: "официальный план", superseded: "заменён",
      current: "действующий план", historical: "история",
      outletOnly: "известно только издание, ссылки нет", lowReliability: "низкая надёжность",
      dockedTo: "пристыкован к", port: "порт",
      unknownTotal: "Неизвестно: ни для одного модуля этого этапа цифра не опубликована.",
      atLeast: "Не менее {v}: {n}; нет опубликованной цифры для {missing}.",
      about: "Около {v} ({r} по разным источникам); {n}, пропусков нет.",
      exactly: "{v}; {n}, пропусков нет.",
    },
  };
  // "%n modules counted" by the language's plural rule (Intl.PluralRules), as the app's
  // Qt %n forms: English one/other, Russian one/few/many
  const COUNTED = {
    en: { one: "%n module counted", other: "%n modules counted" },
    ru: { one: "учтён %n модуль", few: "учтены %n модуля", many: "учтено %n модулей",
      other: "учтено %n модуля" },
  };
  const YEARS_RU = { one: "год", few: "года", many: "лет", other: "года" };
  const PORTS = {
    en: { fwd: "forward", aft: "aft", zenith: "zenith", nadir: "nadir", port: "port-side",
      stbd: "starboard" },
    ru: { fwd: "передний", aft: "задний", zenith: "верхний", nadir: "нижний", port: "левый",
      stbd: "правый" },
  };
  const UNITS = {
    en: { m3: "m³", m2: "m²", deg: "°", count: "", persons: "" },
    ru: { t: "т", kg: "кг", m: "м", m3: "м³", m2: "м²", kW: "кВт", yr: "лет", km: "км",
      deg: "°", count: "", persons: "" },
  };

  const $ = (id) => document.getElementById(id);
  const data = JSON.parse($("ross-data").textContent);
  const state = { lang: data.lang, phase: data.phase, selected: null, playing: false };
  let plan = null; // the root node's extras.plan, once the GLB is read
  const modules = new Map(); // module id -> { node, extras, materials }
  const api = { frames: 0 };
  window.ross = api;
  let readyResolve, readyReject;
  api.ready = new Promise((resolve, reject) => { readyResolve = resolve; readyReject = reject; });

  // ---------------------------------------------------------------- text helpers

  const w = (key) => WORDS[state.lang][key] ?? WORDS.en[key] ?? key;
  const tr = (table) => (table ? table[state.lang] || table.en || "" : "");
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v; else node.setAttribute(k, v);
    }
    for (const c of children.flat()) {
      if (c !== null && c !== undefined && c !== "") node.append(c);
    }
    return node;
  }
  // digits: fixed decimals (a total's precision), or as few as needed (at most 2 below
  // 100, 1 above), as models3d.wording.number; no grouping, as in the app
  function num(value, digits) {
    const most = digits ?? (Math.abs(value) < 100 ? 2 : 1);
    return new Intl.NumberFormat(state.lang, { minimumFractionDigits: digits ?? 0,
      maximumFractionDigits: most, useGrouping: false }).format(value);
  }
  function withUnit(text, unit, value) {
    let shown = UNITS[state.lang][unit] ?? UNITS.en[unit] ?? unit;
    if (unit === "yr" && state.lang === "ru" && Number.isInteger(value)) {
      shown = YEARS_RU[new Intl.PluralRules("ru").select(value)];
    }
    if (!shown) return text;
    return shown === "°" ? text + shown : `${text} ${shown}`;
  }
  function figureText(f) {
    let text = num(f.value);
    if (f.range && f.range[0] !== f.range[1]) text += ` (${num(f.range[0])}–${num(f.range[1])})`;
    return withUnit(text, f.unit, f.value);
  }
  // a total's decimals from its step (the coarsest precision summed)
  const decimals = (s) => (s.step && s.step < 1 ? Math.round(-Math.log10(s.step)) : 0);
  const known = (s) => s.value !== null && s.value !== undefined && s.counted.length > 0;
  // "≥ 44 t" for a lower bound (range [value, null]), "unknown" when nothing is summed
  function spanText(s, compact = false) {
    if (!known(s)) return w("unknown");
    const d = decimals(s);
    let text = num(s.value, d);
    if (s.lower_bound) return "≥ " + withUnit(text, s.unit, s.value);
    const r = s.range;
    if (!compact && r && r[1] !== null && r[0] !== r[1]) text += ` (${num(r[0], d)}–${num(r[1], d)})`;
    return withUnit(text, s.unit, s.value);
  }
  const fillIn = (template, values) => template.replace(/\{(\w+)\}/g, (m, k) => values[k] ?? m);
  function missingLabels(s) {
    return (s.missing_abbr && s.missing_abbr[state.lang]) || s.missing.map(moduleLabel);
  }
  // what a total means in one sentence, as the app's Totals panel says it
  function spanSentence(s) {
    if (!known(s)) return w("unknownTotal");
    const d = decimals(s);
    const n = s.counted.length;
    const counted = COUNTED[state.lang][new Intl.PluralRules(state.lang).select(n)]
      .replace("%n", String(n));
    const v = withUnit(num(s.value, d), s.unit, s.value);
    if (s.lower_bound) return fillIn(w("atLeast"), { v, n: counted, missing: missingLabels(s).join(", ") });
    const r = s.range;
    if (r && r[1] !== null && r[0] !== r[1]) {
      return fillIn(w("about"), { v, n: counted, r: withUnit(`${num(r[0], d)}–${num(r[1], d)}`, s.unit, r[1]) });
    }
    return fillIn(w("exactly"), { v, n: counted });
  }
  const badge = (confidence) => el("span", { class: `badge ${confidence}` }, w(confidence));
  // a source id linking its page; an outlet-only source (url null) gets no link
  function sourceRef(id, s) {
    const label = id + (s.reliability === "low" ? "*" : "");
    const title = `${s.title} — ${s.outlet}${s.date ? ", " + s.date : ""}`;
    if (!s.url) return el("span", { class: "outlet-only", title: `${title} (${w("outletOnly")})` }, label);
    return el("a", { href: s.url, title, target: "_blank", rel: "noopener noreferrer" }, label);
  }
  function sourceLinks(ids) {
    return el("span", { class: "src" }, ids.flatMap((id) => {
      const s = plan.sources[id];
      return s ? [sourceRef(id, s), " "] : [el("span", {}, id + " ")];
    }));
  }
  function dateLabel(ph) {
    if (!ph.date) return w("dateUnknown");
    return ph.date_end ? `${ph.date} – ${ph.date_end}` : ph.date;
  }
  const noteOf = (table) => (table ? el("div", { class: "muted small" }, tr(table)) : null);
  // "docked to UUM, zenith port" in the phase shown (models3d.portmap.docked_text)
  function dockedText(id) {
    const a = data.phases[state.phase].attachments.find((x) => x.module === id);
    if (!a) return "";
    const port = PORTS[state.lang][a.parent_port] ?? a.parent_port;
    return `${w("dockedTo")} ${moduleLabel(a.parent)}, ${port} ${w("port")}`;
  }
  const moduleLabel = (id) => {
    const m = modules.get(id);
    return m ? tr(m.extras.module.abbr) || id : id;
  };

  // ---------------------------------------------------------------- panels

  function renderHeader() {
    document.documentElement.lang = state.lang;
    $("plan-title").textContent = tr(plan.title);
    $("plan-line").textContent =
      `${w("status")}: ${w(plan.status)} · ${w("announced")} ${plan.date} · ${data.plan}`;
    for (const b of document.querySelectorAll(".lang button")) {
      b.setAttribute("aria-pressed", String(b.dataset.lang === state.lang));
    }
    $("view-hint").textContent = w("hint");
    $("no-webgl").textContent = w("noWebgl");
  }

  function renderModule() {
    const box = $("module");
    box.replaceChildren();
    const m = state.selected && modules.get(state.selected);
    if (!m) { box.append(el("p", { class: "muted" }, w("pick"))); return; }
    const x = m.extras.module;
    const kind = { visiting_vehicle: "vehicle", partner_module: "partner" }[m.extras.type]
      || "module";
    box.append(el("h2", {}, `${tr(x.name)} (${tr(x.abbr)}) `, el("span", { class: "badge kind" }, w(kind))));
    const other = state.lang === "en" ? x.name.ru : x.name.en;
    if (other) box.append(el("p", { class: "muted" }, other));
    if (x.role) box.append(el("p", {}, tr(x.role)));
    const docked = dockedText(x.id);
    if (docked) box.append(el("p", { id: "docked" }, docked[0].toUpperCase() + docked.slice(1)));
    if (x.launch) {
      const l = x.launch;
      const date = l.date && l.date_end ? `${l.date} – ${l.date_end}` : l.date;
      const bits = [date, tr(l.vehicle), tr(l.site)].filter(Boolean).join(", ");
      box.append(el("p", {}, `${w("launch")}: ${bits || "–"} `, badge(l.confidence),
        " ", sourceLinks(l.sources), noteOf(l.note)));
    }
    const rows = QUANTITIES.filter((q) => x.figures[q]).map((q) => {
      const f = x.figures[q];
      return el("tr", {}, el("th", {}, w(q)), el("td", { class: "num" }, figureText(f), noteOf(f.note)),
        el("td", {}, badge(f.confidence)), el("td", {}, sourceLinks(f.sources)));
    });
    box.append(rows.length ? el("table", {}, rows) : el("p", { class: "muted" }, w("noFigures")));
    const shape = x.shape;
    box.append(el("p", { class: "muted" },
      `${w("drawn")} ${withUnit(num(shape.length), "m")} × ${withUnit(num(shape.diameter), "m")} (${w(shape.basis === "inferred" ? "drawnInferred" : "published")})`));
    if (x.note) box.append(el("p", { class: "muted small" }, tr(x.note)));
  }

  function renderTotals() {
    const box = $("totals");
    const ph = data.phases[state.phase];
    const rows = TOTALS.map((q) => {
      const s = ph.totals[q];
      return el("tr", {}, el("th", {}, w(q)),
        el("td", { class: "num" }, spanText(s), el("div", { class: "muted small" }, spanSentence(s))),
        el("td", {}, known(s) ? badge(s.confidence) : ""));
    });
    if (ph.crew) {
      rows.push(el("tr", {}, el("th", {}, w("crew")), el("td", { class: "num" }, figureText(ph.crew)),
        el("td", {}, badge(ph.crew.confidence), " ", sourceLinks(ph.crew.sources))));
    }
    rows.push(el("tr", {}, el("th", {}, w("ports")),
      el("td", { class: "num" }, `${ph.ports.used} / ${ph.ports.free}`), el("td", {})));
    const head = el("tr", {}, el("th", {}, w("phase")), TOTALS.map((q) => el("th", {}, w(q))));
    const perPhase = data.phases.map((p, i) => el("tr", { class: i === state.phase ? "current" : "" },
      el("td", {}, String(p.number)), TOTALS.map((q) => el("td", { class: "num" }, spanText(p.totals[q], true)))));
    box.replaceChildren(el("h2", {}, `${w("totals")} — ${w("phase")} ${ph.number}`),
      ph.note ? el("p", { class: "muted small" }, tr(ph.note)) : "", el("table", {}, rows), el("h3", {}, w("perPhase")), el("table", { id: "per-phase" }, head, perPhase));
  }

  function renderPlan() {
    const box = $("plan");
    const parts = [el("h2", {}, w("summary")), el("p", {}, tr(plan.summary))];
    if (plan.interpretation) {
      parts.push(el("p", { class: "note" }, el("strong", {}, `${w("interpretation")}: `),
        tr(plan.interpretation)));
    }
    const orbit = Object.entries(plan.orbit || {}).filter(([, f]) => f);
    if (orbit.length) {
      parts.push(el("p", {}, `${w("orbit")}: `, orbit.map(([q, f]) =>
        el("span", {}, `${w(q).toLowerCase()} ${figureText(f)} `, badge(f.confidence), " "))));
    }
    parts.push(el("h3", {}, w("sources")));
    parts.push(el("p", { class: "muted small" }, `* ${w("lowReliability")}`));
    parts.push(el("ul", {}, Object.entries(plan.sources).map(([id, s]) => el("li", {},
      sourceRef(id, s), ` ${s.title} — ${s.outlet}${s.date ? ", " + s.date : ""}`,
      s.url ? "" : ` (${w("outletOnly")})`))));
    box.replaceChildren(...parts);
  }

  function renderTimeline() {
    const ph = data.phases[state.phase];
    const slider = $("phase");
    slider.max = String(data.phases.length);
    slider.value = String(state.phase + 1);
    slider.setAttribute("aria-label", w("phase"));
    $("phase-label").textContent =
      `${w("phase")} ${ph.number}/${data.phases.length}: ${tr(ph.name)} (${dateLabel(ph)})`;
    $("play").textContent = state.playing ? `❚❚ ${w("pause")}` : `▶ ${w("play")}`;
    const changes = [["added", ph.added], ["removed", ph.removed], ["relocated", ph.relocated]]
      .filter(([, ids]) => ids.length)
      .map(([k, ids]) => `${w(k)}: ${ids.map(moduleLabel).join(", ")}`);
    $("changes").textContent = changes.join(" · ");
    const outlets = [];
    for (const id of ph.sources) {
      const s = plan.sources[id];
      if (s && !outlets.includes(s.outlet)) outlets.push(s.outlet);
    }
    const lines = [`${tr(plan.title)} — ${w("phase").toLowerCase()} ${ph.number}/${data.phases.length}: ${tr(ph.name)} (${dateLabel(ph)})`];
    if (plan.interpretation) lines.push(w("layoutNote"));
    lines.push(`${w("sources")}: ${outlets.join(", ")} (${ph.sources.join(", ")}) · ROSS Explorer`);
    $("caption").textContent = lines.join(" · ");
  }

  function renderTours() {
    const box = $("tours");
    box.hidden = !data.tours.length;
    if (data.tours.length) box.replaceChildren(el("h2", {}, w("tours")));
  }

  function renderAll() {
    renderHeader(); renderModule(); renderTotals(); renderPlan(); renderTimeline(); renderTours();
  }

  // ---------------------------------------------------------------- 3D view

  const canvas = $("canvas");
  let renderer = null, scene, camera, controls, raycaster;
  let motion = null; // { phase, start, moves } while a docking motion plays
  let holdTimer = 0;
  let needsRender = true;

  function setPose(node, p) {
    node.position.set(p[0], p[1], p[2]);
    node.quaternion.set(p[3], p[4], p[5], p[6]);
  }
  function showPhase(i) {
    const poses = data.poses[i];
    for (const [id, m] of modules) {
      const p = poses[id];
      m.node.visible = Boolean(p);
      if (p) setPose(m.node, p);
    }
    needsRender = true;
  }
  function samplePose(samples, t) {
    const x = Math.min(1, Math.max(0, t)) * (samples.length - 1);
    const k = Math.min(samples.length - 2, Math.floor(x));
    const a = samples[k], b = samples[k + 1], u = x - k;
    const qa = new THREE.Quaternion(a[3], a[4], a[5], a[6]);
    qa.slerp(new THREE.Quaternion(b[3], b[4], b[5], b[6]), u);
    return [a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u, a[2] + (b[2] - a[2]) * u,
      qa.x, qa.y, qa.z, qa.w];
  }
  function stepMotion(now) {
    if (!motion) return;
    const t = (now - motion.start) / STEP_MS;
    for (const [id, samples] of Object.entries(motion.moves)) {
      const m = modules.get(id);
      if (m) { m.node.visible = true; setPose(m.node, samplePose(samples, t)); }
    }
    needsRender = true;
    if (t >= 1) {
      const done = motion.done;
      motion = null;
      showPhase(state.phase);
      if (done) done();
    }
  }

  function setPhase(i, animate, done) {
    i = Math.min(data.phases.length - 1, Math.max(0, i));
    const previous = state.phase;
    state.phase = i;
    if (state.selected && !data.poses[i][state.selected]) state.selected = null;
    highlight();
    renderTimeline(); renderTotals(); renderModule();
    motion = null;
    showPhase(i);
    const moves = data.motions[i] || {};
    if (renderer && animate && i === previous + 1 && Object.keys(moves).length) {
      motion = { start: performance.now(), moves, done };
    } else if (done) {
      done();
    }
  }

  function highlight() {
    for (const [id, m] of modules) {
      for (const mat of m.materials) mat.emissive.setHex(id === state.selected ? 0x3a5599 : 0x000000);
    }
    needsRender = true;
  }

  function select(id) {
    state.selected = id && modules.has(id) && modules.get(id).node.visible ? id : null;
    highlight();
    renderModule();
  }

  function play() {
    if (state.playing) return;
    state.playing = true;
    if (state.phase === data.phases.length - 1) setPhase(0, false);
    renderTimeline();
    const next = () => {
      if (!state.playing) return;
      if (state.phase >= data.phases.length - 1) { pause(); return; }
      setPhase(state.phase + 1, true, () => { holdTimer = setTimeout(next, HOLD_MS); });
    };
    holdTimer = setTimeout(next, HOLD_MS);
  }
  function pause() {
    state.playing = false;
    clearTimeout(holdTimer);
    renderTimeline();
  }

  function frame(now) {
    stepMotion(now);
    if (controls && controls.update()) needsRender = true;
    if (needsRender && renderer) {
      resize();
      renderer.render(scene, camera);
      api.frames += 1;
      needsRender = false;
    }
    requestAnimationFrame(frame);
  }
  function resize() {
    const width = canvas.clientWidth, height = canvas.clientHeight;
    if (canvas.width !== Math.floor(width * renderer.getPixelRatio()) ||
        canvas.height !== Math.floor(height * renderer.getPixelRatio())) {
      renderer.setSize(width, height, false);
      camera.aspect = width / Math.max(1, height);
      camera.updateProjectionMatrix();
    }
  }

  function frameCamera() {
    const [lo, hi] = data.bounds;
    const center = new THREE.Vector3().fromArray(lo).add(new THREE.Vector3().fromArray(hi)).multiplyScalar(0.5);
    const radius = new THREE.Vector3().fromArray(hi).sub(new THREE.Vector3().fromArray(lo)).length() / 2;
    const distance = radius / Math.sin(THREE.MathUtils.degToRad(camera.fov / 2)) * 0.75;
    // from ahead, starboard and above: the long axis across the view
    const direction = new THREE.Vector3(0.45, 0.5, 1.0).normalize();
    camera.position.copy(center).addScaledVector(direction, distance);
    camera.near = distance / 100;
    camera.far = distance * 10;
    camera.updateProjectionMatrix();
    controls.target.copy(center);
    controls.update();
  }

  function addLights() {
    // key, fill and rim lights ride with the camera, as in the app's view
    scene.add(new THREE.HemisphereLight(0xdfe6ff, 0x1a1f2e, 0.9));
    const key = new THREE.DirectionalLight(0xffffff, 2.4);
    key.position.set(1.0, 1.6, 1.2);
    const fill = new THREE.DirectionalLight(0xc8d4ff, 0.7);
    fill.position.set(-1.2, -0.3, 0.6);
    const rim = new THREE.DirectionalLight(0xffffff, 0.9);
    rim.position.set(0.2, 0.6, -1.5);
    for (const light of [key, fill, rim]) {
      light.target.position.set(0, 0, -1); // aim along the view, whatever the camera does
      camera.add(light, light.target);
    }
    scene.add(camera);
  }

  function pick(event) {
    const rect = canvas.getBoundingClientRect();
    const pointer = new THREE.Vector2(((event.clientX - rect.left) / rect.width) * 2 - 1,
      -((event.clientY - rect.top) / rect.height) * 2 + 1);
    raycaster.setFromCamera(pointer, camera);
    const visible = [...modules.values()].filter((m) => m.node.visible).map((m) => m.node);
    const hit = raycaster.intersectObjects(visible, true)[0];
    let node = hit ? hit.object : null;
    while (node && !(node.userData && node.userData.module)) node = node.parent;
    select(node ? node.userData.module.id : null);
  }

  function bytesOf(base64) {
    const text = atob(base64.trim());
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i += 1) out[i] = text.charCodeAt(i);
    return out.buffer;
  }

  function onLoaded(gltf) {
    const root = gltf.scene.children[0];
    plan = root.userData.plan;
    root.traverse((node) => {
      const x = node.userData;
      if (!x || !x.module) return;
      const materials = [];
      node.traverse((part) => {
        if (!part.isMesh) return;
        // each module gets its own materials, so a selection lights one module only;
        // no environment map here, so metals are toned down to keep their colour
        part.material = part.material.clone();
        part.material.metalness = Math.min(part.material.metalness, 0.3);
        materials.push(part.material);
      });
      node.matrixAutoUpdate = true;
      modules.set(x.module.id, { node, extras: x, materials });
    });
    scene.add(gltf.scene);
    frameCamera();
    renderAll();
    setPhase(state.phase, false);
    requestAnimationFrame((now) => {
      frame(now);
      requestAnimationFrame(() => readyResolve(api));
    });
  }

  function start() {
    for (const b of document.querySelectorAll(".lang button")) {
      b.addEventListener("click", () => api.setLanguage(b.dataset.lang));
    }
    $("phase").addEventListener("input", (e) => {
      const n = Number(e.target.value); // before pause(), which redraws the slider
      pause();
      setPhase(n - 1, false);
    });
    $("play").addEventListener("click", () => (state.playing ? pause() : play()));
    document.addEventListener("keydown", (e) => {
      if (e.target.tagName === "INPUT" && e.target.type !== "range") return;
      if (e.key === "ArrowRight") { pause(); setPhase(state.phase + 1, true); }
      else if (e.key === "ArrowLeft") { pause(); setPhase(state.phase - 1, false); }
      else if (e.key === " " && e.target.tagName !== "BUTTON") { e.preventDefault(); state.playing ? pause() : play(); }
      else if (e.key === "Escape") select(null);
      else return;
      if (e.target.id === "phase") e.preventDefault();
    });
    let down = null;
    canvas.addEventListener("pointerdown", (e) => { down = [e.clientX, e.clientY]; });
    canvas.addEventListener("pointerup", (e) => {
      if (down && Math.hypot(e.clientX - down[0], e.clientY - down[1]) < 5) pick(e);
      down = null;
    });
    try {
      renderer = new THREE.WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true });
    } catch (err) {
      renderer = null;
    }
    const bytes = bytesOf($("ross-glb").textContent);
    const loader = new THREE.GLTFLoader();
    if (!renderer) {
      $("no-webgl").hidden = false;
      loader.parse(bytes, "", (gltf) => {
        plan = gltf.scene.children[0].userData.plan;
        gltf.scene.traverse((node) => {
          if (node.userData && node.userData.module) {
            modules.set(node.userData.module.id, { node, extras: node.userData, materials: [] });
          }
        });
        renderAll();
        readyResolve(api);
      }, readyReject);
      return;
    }
    renderer.setPixelRatio(Math.min(2, window.devicePixelRatio || 1));
    renderer.outputColorSpace = THREE.SRGBColorSpace;
    scene = new THREE.Scene();
    scene.background = new THREE.Color(SPACE);
    camera = new THREE.PerspectiveCamera(35, 1, 0.1, 1000);
    controls = new THREE.OrbitControls(camera, canvas);
    controls.enableDamping = true;
    controls.addEventListener("change", () => { needsRender = true; });
    raycaster = new THREE.Raycaster();
    addLights();
    window.addEventListener("resize", () => { needsRender = true; });
    loader.parse(bytes, "", onLoaded, (err) => { console.error(err); readyReject(err); });
  }

  // ---------------------------------------------------------------- the page's API

  Object.assign(api, {
    setPhase(n, animate = false) {
      pause();
      setPhase(Number(n) - 1, animate);
      return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    },
    phase: () => state.phase + 1,
    phases: () => data.phases.length,
    play, pause,
    select(id) { select(id); return state.selected; },
    selected: () => state.selected,
    setLanguage(lang) {
      if (!WORDS[lang]) return;
      state.lang = lang;
      renderAll();
    },
    visibleModules: () => [...modules].filter(([, m]) => m.node.visible).map(([id]) => id),
    project(id) { // where a module's centre is on screen, in CSS pixels (for tests)
      const m = modules.get(id);
      if (!m || !renderer) return null;
      const box = new THREE.Box3().setFromObject(m.node);
      const p = box.getCenter(new THREE.Vector3()).project(camera);
      const rect = canvas.getBoundingClientRect();
      return [rect.left + (p.x + 1) / 2 * rect.width, rect.top + (1 - p.y) / 2 * rect.height];
    },
  });

  start();
})();
