/*
 * The escalation guide's questionnaire; its data, window.ESCALATION_TREE, is built from the YAML.
 * - state: pure. The URL fragment is the only state: a= the answers; c= while an answer is
 *   being changed, it and those after it, to keep the ones that still apply.
 * - view: (state, tree, act) -> DOM. Tree text goes in as text nodes only, never parsed as markup. The
 *   result's markup comes from the build (result.j2, the recommendation pages' own pieces) as <template>s
 *   with empty slots; the interface's words come from the data too (build_tools/site/wording.py).
 * - history: go() writes the URL for each answer; render() reads it, and rewrites it only to
 *   correct a stale link or one that uses former ids.
 * - mount: through Material's document$ and directly (document$ is silent on file://).
 * - settings (tree 3.0): each setting's text is a script beside the data, loaded once the setting is known.
 * - events: each render dispatches "escalation-guide:state" on the root, for embed.js and scorm12.js.
 */
(function () {
  "use strict";

  /* --- state --- */

  function model(data) {
    // Maps, not plain objects: a fragment naming "__proto__" must find nothing.
    // An id a question or option replaced (formerIds) finds it too, so old links keep working.
    var questions = new Map();
    var renamed = new Map();
    Object.keys(data.questions).forEach(function (id) {
      var q = data.questions[id];
      var byId = new Map();
      q.options.forEach(function (o) {
        (o.formerIds || []).forEach(function (former) { byId.set(former, o); });
      });
      q.options.forEach(function (o) { byId.set(o.id, o); });
      questions.set(id, Object.assign({}, q, { byId: byId }));
      (q.formerIds || []).forEach(function (former) { renamed.set(former, id); });
    });
    return {
      start: data.start,
      questions: questions,
      renamed: renamed,
      recommendations: new Map(Object.entries(data.recommendations)),
      url: data.recommendationUrl,
      questionnaireUrl: data.questionnaireUrl || "",
      settingScript: data.settingScript || null,
      words: data.words || {},
      result: data.result || ""
    };
  }

  /** The interface's words for `key` (wording.py), each {name} filled from `values`; the "_one" form when n is 1. */
  function wording(words, key, values) {
    var text = (values && values.n === 1 && words[key + "_one"]) || words[key];
    return text.replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
  }

  function pairsOf(value) {
    if (!value) return [];
    return value.split("/").map(function (part) {
      var dot = part.indexOf(".");
      return dot > 0 ? [part.slice(0, dot), part.slice(dot + 1)] : [part, ""];
    });
  }

  /** The answer pairs a fragment asks for, those being changed, and whether it is not ours at all. */
  function readFragment(hash) {
    var raw = hash.replace(/^#/, "");
    var params = new URLSearchParams(raw);
    return {
      pairs: pairsOf(params.get("a")),
      changing: pairsOf(params.get("c")),
      malformed: raw !== "" && !params.has("a") && !params.has("c")
    };
  }

  /** A pair's question and option in today's ids, or null when the tree has no such question or option. */
  function resolve(tree, pair) {
    var id = tree.renamed.get(pair[0]) || pair[0];
    var question = tree.questions.get(id);
    var option = question && question.byId.get(pair[1]);
    return option ? { question: id, option: option, renamed: pair[0] !== id || pair[1] !== option.id } : null;
  }

  /**
   * The longest prefix of `pairs` that still fits the tree, in current ids, and the node it reaches.
   * A link made before a question was added to the tree (a tree 2.0 link never says which setting)
   * does not answer it. When the node reached is such a question, and every pair left answers
   * another question of the tree, once each, those answers are pending: kept for after the reader
   * has answered this one (answered()), not thrown away as stale.
   */
  function replay(tree, pairs) {
    var node = tree.start;
    var answers = [];
    var renamed = false;
    var i = 0;
    for (; i < pairs.length; i++) {
      var found = resolve(tree, pairs[i]);
      if (!found || found.question !== node) break;
      renamed = renamed || found.renamed;
      answers.push({ question: node, option: found.option.id });
      node = found.option.next;
    }
    var pending = [];
    var asked = new Set(answers.map(function (a) { return a.question; }).concat([node]));
    for (var j = i; j < pairs.length && tree.questions.has(node); j++) {
      var later = resolve(tree, pairs[j]);
      if (!later || asked.has(later.question)) break;
      asked.add(later.question);
      pending.push({ question: later.question, option: later.option.id, renamed: later.renamed });
    }
    if (j < pairs.length) pending = [];
    return {
      answers: answers,
      node: node,
      stale: i < pairs.length && !pending.length,
      renamed: renamed || pending.some(function (p) { return p.renamed; }),
      pending: pending.map(function (p) { return { question: p.question, option: p.option }; })
    };
  }

  function encode(answers) {
    return answers.map(function (a) {
      return encodeURIComponent(a.question) + "." + encodeURIComponent(a.option);
    }).join("/");
  }

  function toFragment(answers, changing) {
    var parts = [];
    if (answers.length) parts.push("a=" + encode(answers));
    if (changing && changing.length) parts.push("c=" + encode(changing));
    return parts.length ? "#" + parts.join("&") : "";
  }

  function asAnswers(pairs) {
    return pairs.map(function (p) { return { question: p[0], option: p[1] }; });
  }

  /** Everything the page shows, derived from the fragment alone. */
  function stateOf(tree, hash) {
    var read = readFragment(hash);
    var state = replay(tree, read.pairs);
    var changing = asAnswers(read.changing);
    // What is being changed applies only while its question is the one on screen.
    state.changing = changing.length && changing[0].question === state.node ? changing : [];
    state.malformed = read.malformed;
    return state;
  }

  /**
   * The answers after choosing `optionId`: a changed answer keeps the later ones that still apply, and
   * a link's pending answers follow the one it lacked.
   */
  function answered(tree, state, optionId) {
    var later = state.changing.length ? state.changing.slice(1) : state.pending;
    var pairs = state.answers.concat([{ question: state.node, option: optionId }], later);
    var next = replay(tree, pairs.map(function (a) { return [a.question, a.option]; }));
    return next.answers.concat(next.pending);
  }

  /* --- view --- */

  /** An element with attributes and children; strings become text nodes, never markup. */
  function h(tag, attributes) {
    var element = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (name.slice(0, 2) === "on") element.addEventListener(name.slice(2), value);
      else if (value != null && value !== false) element.setAttribute(name, value);
    });
    for (var i = 2; i < arguments.length; i++) {
      [].concat(arguments[i]).forEach(function (child) {
        if (child != null && child !== false) element.append(child);
      });
    }
    return element;
  }

  /**
   * A link to a site page from wherever the questionnaire is, under any base path; null where
   * there is no site to link to (a learning-platform package built without a site_url).
   * The site's own pages know the base from Material's config; the embed page says it on the root.
   */
  function siteUrl(root, path) {
    var base = root.getAttribute("data-site-base");
    if (base === null) {
      var config = document.getElementById("__config");
      base = config ? JSON.parse(config.textContent).base : ".";
    }
    return base === "" ? null : new URL(base.replace(/\/?$/, "/") + path, location.href).href;
  }

  /**
   * The address to share for what is on screen: this page's own, or in the embed page (which says where
   * the site is), the guide's questionnaire page at the same answers; null with no site to link to.
   */
  function shareable(act, tree) {
    if (!act.root.hasAttribute("data-site-base")) return location.href;
    var page = siteUrl(act.root, tree.questionnaireUrl);
    return page && page + location.hash;
  }

  function copyButton(tree, act, label, primary) {
    if (!shareable(act, tree)) return null;
    return button(label, act.copy, primary ? "md-button md-button--primary" : "md-button");
  }

  /** Attributes for a link to a site page: in a new tab when embedded, so the learner stays in the course. */
  function linkTo(act, path) {
    var href = siteUrl(act.root, path);
    if (!href) return null;
    var attributes = { href: href };
    if (act.root.hasAttribute("data-links-new-tab")) {
      attributes.target = "_blank";
      attributes.rel = "noopener";
    }
    return attributes;
  }

  /** What a link that opens a new tab says after its text, so that no reader is surprised. */
  function newTab(tree, link) {
    return link.target ? " " + wording(tree.words, "new_tab") : null;
  }

  function button(label, onclick, className) {
    return h("button", { type: "button", class: className || "md-button", onclick: onclick }, label);
  }

  function progressText(state, question, words) {
    var more = question.depth - 1;
    return wording(words, "progress", {
      number: state.answers.length + 1,
      left: more === 0 ? wording(words, "left_none") : wording(words, "left", { n: more })
    });
  }

  function actions(state, tree, act, first) {
    return h("div", { class: "qn-actions" }, first || null, state.answers.length
      ? [button(wording(tree.words, "back"), act.back), button(wording(tree.words, "start_again"), act.restart)]
      : null);
  }

  function questionView(state, tree, act) {
    var id = state.node;
    var question = tree.questions.get(id);
    var earlier = state.changing.length ? state.changing[0].option : null;
    var legendId = "qn-legend-" + id;
    return h("section", { class: "qn-step", "data-node-id": id, "aria-labelledby": legendId },
      h("p", { class: "qn-progress" }, progressText(state, question, tree.words)),
      h("fieldset", { class: "qn-fieldset" },
        h("legend", { id: legendId, class: "qn-prompt", tabindex: "-1" }, question.prompt),
        h("details", { class: "qn-why" }, h("summary", {}, wording(tree.words, "why_this_matters")), h("p", {}, question.why)),
        h("div", { class: "qn-options" }, question.options.map(function (option) {
          var was = option.id === earlier;
          return h("button", {
            type: "button",
            class: "qn-option",
            "data-option-id": option.id,
            "aria-describedby": was ? "qn-previous-" + id : null,
            onclick: function () { act.answer(option.id); }
          }, option.label, was ? [" ", h("span", { id: "qn-previous-" + id, class: "qn-previous" },
            wording(tree.words, "earlier_answer"))] : null);
        }))),
      actions(state, tree, act, copyButton(tree, act, wording(tree.words, "copy_question_link"), false)),
      h("p", { class: "qn-copied", hidden: true }));
  }

  /**
   * The result block's pieces, as the build wrote them (questionnaire_data.py: result.j2's pieces, each a
   * <template> with empty slots). They hold markup and the interface's words only, never tree text.
   */
  function readPieces(html) {
    var pieces = new Map();
    new DOMParser().parseFromString(html, "text/html").querySelectorAll("template[data-piece]").forEach(function (t) {
      pieces.set(t.getAttribute("data-piece"), t.content);
    });
    return pieces;
  }

  /** Each slot in `node` replaced by a text node of its value (a slot named "" takes `values` itself). */
  function putText(node, values) {
    node.querySelectorAll("[data-slot]").forEach(function (slot) {
      var name = slot.getAttribute("data-slot");
      slot.replaceWith(String(name ? values[name] : values));
    });
  }

  /**
   * A copy of a piece with `values` put in: each [data-each] element written once per item of its list,
   * every slot filled as text, and each link (relative to the site's root) made to work from here, or
   * left as its text where there is no site to go to.
   */
  function piece(name, values, tree, act) {
    var copy = document.importNode(act.pieces.get(name), true);
    copy.querySelectorAll("[data-each]").forEach(function (item) {
      values[item.getAttribute("data-each")].forEach(function (value) {
        var one = item.cloneNode(true);
        one.removeAttribute("data-each");
        putText(one, value);
        item.before(one);
      });
      item.remove();
    });
    putText(copy, values);
    copy.querySelectorAll("a[href]").forEach(function (a) {
      var link = linkTo(act, a.getAttribute("href"));
      if (link) {
        Object.keys(link).forEach(function (name) { a.setAttribute(name, link[name]); });
        if (link.target) a.append(newTab(tree, link));
      } else {
        a.replaceWith(a.textContent);
      }
    });
    return copy;
  }

  /** The setting the answers put the reader in: the one their options name (tree 3.0), or null. */
  function settingOf(tree, answers) {
    for (var i = 0; i < answers.length; i++) {
      var option = tree.questions.get(answers[i].question).byId.get(answers[i].option);
      if (option.setting) return option.setting;
    }
    return null;
  }

  /** Whether `recommendation`'s text varies by setting, so that a reader in `setting` needs its script. */
  function varies(recommendation, setting) {
    return Boolean(setting && recommendation.settings && recommendation.settings.indexOf(setting) >= 0);
  }

  /**
   * The recommendation as a reader in `setting` gets it: the setting's own fields (its script's), laid over
   * the text all settings share; `own` null (not loaded): the shared text. `section`: its part of the full page.
   */
  function forSetting(recommendation, setting, own) {
    if (!varies(recommendation, setting)) return { text: recommendation, section: "" };
    return { text: Object.assign({}, recommendation, own || {}), section: "#" + encodeURIComponent(setting) };
  }

  /**
   * The recommendation as the reader's own answers assemble it (tree 4.0): each part whose `when` their answers
   * meet adds its steps and moves after the others, and its words to say in place of the others'
   * (Recommendation.advice, the one rule, in Python).
   */
  function withParts(recommendation, answers) {
    if (!recommendation.parts) return recommendation;
    var chosen = new Map(answers.map(function (answer) { return [answer.question, answer.option]; }));
    var text = Object.assign({}, recommendation);
    recommendation.parts.forEach(function (part) {
      var meets = Object.keys(part.when).every(function (question) {
        return part.when[question].indexOf(chosen.get(question)) >= 0;
      });
      if (!meets) return;
      if (part.steps) text.steps = (text.steps || []).concat(part.steps);
      if (part.say) text.say = part.say;
      if (part.ifNo) text.ifNo = (text.ifNo || []).concat(part.ifNo);
    });
    return text;
  }

  /* --- each setting's text, in window.ESCALATION_TREE_SETTINGS once its script has run --- */

  var loading = new Map(); // setting -> "loading" or "failed"
  // The data script's URL, read now: after instant navigation a relative src resolves against another page.
  // Failing that, this script's: it is beside the data.
  var dataScript = document.querySelector("script[src$='questionnaire-data.js']");
  var dataUrl = dataScript ? dataScript.src : document.currentScript ? document.currentScript.src : null;

  function settingText(setting) {
    var all = window.ESCALATION_TREE_SETTINGS;
    return all && Object.prototype.hasOwnProperty.call(all, setting) ? all[setting] : null;
  }

  /** Whether `setting`'s text is "loaded", "loading" (then `done` runs when it settles) or "failed". */
  function loadSetting(tree, setting, done) {
    if (!setting || !tree.settingScript) return "failed";
    if (settingText(setting)) return "loaded";
    if (!loading.has(setting)) {
      loading.set(setting, "loading");
      var script = document.createElement("script");
      var settle = function (status) {
        loading.set(setting, settingText(setting) ? "loaded" : status);
        done(setting);
      };
      script.onload = function () { settle("failed"); };
      script.onerror = script.onload;
      script.src = new URL(tree.settingScript.replace("{id}", setting), dataUrl || location.href).href;
      document.head.append(script);
    }
    return loading.get(setting);
  }

  function resultView(state, tree, act) {
    var id = state.node;
    var setting = settingOf(tree, state.answers);
    var texts = setting && settingText(setting);
    var chosen = forSetting(tree.recommendations.get(id), setting, texts && (texts[id] || {}));
    var recommendation = withParts(chosen.text, state.answers);
    var answers = state.answers.map(function (answer) {
      var question = tree.questions.get(answer.question);
      var option = question.byId.get(answer.option);
      return { prompt: question.prompt, label: option.label, meaning: option.meaning };
    });
    return h("section", { class: "qn-step qn-result", "data-node-id": id, "aria-labelledby": "qn-result-" + id },
      h("p", { class: "qn-progress" }, wording(tree.words, "result_progress", { n: answers.length })),
      h("h2", { id: "qn-result-" + id, class: "qn-title", tabindex: "-1" }, recommendation.title),
      piece("verdict", recommendation, tree, act),
      // Each field only where the text has it: a setting's that could not load has none of its own.
      recommendation.steps ? piece("steps", recommendation, tree, act) : null,
      piece("answers", { answers: answers }, tree, act),
      // The words to say, and the moves if the answer is still no: only for advice that goes above the counterpart.
      recommendation.say ? piece("say", recommendation.say, tree, act) : null,
      recommendation.say && recommendation.ifNo ? piece("still_no", recommendation, tree, act) : null,
      fullPage(tree, act, tree.url.replace("{id}", id) + chosen.section),
      actions(state, tree, act, copyButton(tree, act, wording(tree.words, "copy_link"), true)),
      h("p", { class: "qn-copied", hidden: true }));
  }

  function fullPage(tree, act, path) {
    var link = linkTo(act, path);
    if (!link) return null;
    link.class = "qn-full";
    return h("p", {}, h("a", link, wording(tree.words, "full_page"), newTab(tree, link)));
  }

  function trailItem(tree, answer, index, act) {
    var question = tree.questions.get(answer.question);
    return h("li", { "data-trail-question": answer.question, "data-trail-option": answer.option },
      h("span", { class: "qn-trail-question" }, question.prompt), " ",
      h("span", { class: "qn-trail-answer" }, question.byId.get(answer.option).label), " ",
      h("button", {
        type: "button",
        class: "qn-change",
        "aria-label": wording(tree.words, "change_label", { prompt: question.prompt }),
        onclick: function () { act.change(index); }
      }, wording(tree.words, "change")));
  }

  /** Bring the trail in line with the answers, keeping the items that still match. */
  function updateTrail(trail, state, tree, act) {
    var items = trail.list.children;
    var keep = 0;
    while (keep < items.length && keep < state.answers.length &&
      items[keep].getAttribute("data-trail-question") === state.answers[keep].question &&
      items[keep].getAttribute("data-trail-option") === state.answers[keep].option) keep++;
    while (items.length > keep) trail.list.lastChild.remove();
    for (var i = keep; i < state.answers.length; i++) trail.list.append(trailItem(tree, state.answers[i], i, act));
    trail.hidden = state.answers.length === 0;
  }

  /* --- history and mount --- */

  // Marks the history entries this script adds: Back can use history.back() only when
  // the entry before is ours, which a shared link opened in a fresh tab does not have.
  var OURS = { escalationGuideStep: true };

  function App(root, data) {
    var app = this;
    this.root = root;
    this.tree = model(data);
    this.act = {
      answer: function (optionId) { app.go(answered(app.tree, app.state, optionId), [], true); },
      change: function (index) {
        app.go(app.state.answers.slice(0, index), app.state.answers.slice(index), true);
      },
      back: function () {
        if (history.state && history.state.escalationGuideStep) history.back();
        else app.go(app.state.answers.slice(0, -1), [], false);
      },
      restart: function () { app.go([], [], true); },
      clear: function () { app.go([], [], false); },
      copy: function () { app.copyLink(); },
      root: root,
      pieces: readPieces(this.tree.result)
    };
    root.textContent = "";
    this.notice = h("p", { class: "qn-notice", role: "status", hidden: true });
    this.stage = h("div", { class: "qn-stage" });
    var list = h("ol");
    var words = this.tree.words;
    this.trail = h("section", { class: "qn-trail", "aria-labelledby": "qn-trail-title", hidden: true },
      h("h2", { id: "qn-trail-title" }, wording(words, "trail_title")), list,
      button(wording(words, "clear"), this.act.clear, "md-button qn-clear"));
    this.trail.list = list;
    this.live = h("div", { class: "qn-live", "aria-live": "polite", "aria-atomic": "true" });
    root.append(this.notice, this.stage, this.trail, this.live);
    root.classList.add("qn-ready");
  }

  /** Record a step in the URL: a new history entry (push) or this one, then render. */
  App.prototype.go = function (answers, changing, push) {
    var url = location.pathname + location.search + toFragment(answers, changing);
    if (push) history.pushState(OURS, "", url);
    else history.replaceState(history.state, "", url);
    this.render(true);
  };

  /**
   * Show what the URL says; a stale link resumes at its longest valid prefix. The setting's text loads as
   * soon as the answers name it; a result that needs it first shows (show()) when it arrives.
   */
  App.prototype.render = function (moveFocus) {
    var state = stateOf(this.tree, location.hash);
    var words = this.tree.words;
    var notice = "";
    if (state.malformed || state.stale) {
      var n = state.answers.length;
      notice = n ? wording(words, "stale", { n: n }) : wording(words, "stale_start");
    } else if (state.pending.length) {
      notice = wording(words, "pending", { n: state.pending.length });
    }
    // A link that no longer fits, or that names questions or answers by former ids, becomes today's.
    if (state.malformed || state.stale || state.renamed) {
      history.replaceState(history.state, "", location.pathname + location.search +
        toFragment(state.answers.concat(state.pending), state.malformed || state.stale ? [] : state.changing));
    }
    this.state = state;
    this.shown = location.href;
    var setting = settingOf(this.tree, state.answers);
    var waiting = this.waiting;
    this.waiting = null;
    var status = loadSetting(this.tree, setting, function (loaded) {
      if (app && app.root.isConnected && app.waiting && app.waiting.setting === loaded) {
        app.show(app.waiting.notice, app.waiting.moveFocus);
      }
    });
    var recommendation = this.tree.recommendations.get(state.node);
    if (recommendation && status === "loading" && varies(recommendation, setting)) {
      // Focus moves, and the result is announced, when it shows.
      this.waiting = { setting: setting, notice: notice, moveFocus: moveFocus || Boolean(waiting && waiting.moveFocus) };
      this.notice.hidden = true;
      this.stage.replaceChildren(h("section", { class: "qn-step", "aria-busy": "true" }));
      updateTrail(this.trail, state, this.tree, this.act);
      return;
    }
    this.show(notice, moveFocus);
  };

  /** The state as the page shows it: the step, the trail, the announcement, the focus, and the event. */
  App.prototype.show = function (notice, moveFocus) {
    var state = this.state;
    var words = this.tree.words;
    this.waiting = null;
    this.notice.textContent = notice;
    this.notice.hidden = !notice;
    var question = this.tree.questions.get(state.node);
    this.stage.replaceChildren((question ? questionView : resultView)(state, this.tree, this.act));
    updateTrail(this.trail, state, this.tree, this.act);
    if (window.EscalationCopy) window.EscalationCopy.enhance(this.stage);
    var recommendation = this.tree.recommendations.get(state.node);
    this.live.textContent = (notice ? notice + " " : "") + (question
      ? wording(words, "announce_question", { progress: progressText(state, question, words), prompt: question.prompt })
      : wording(words, "announce_result", { title: recommendation.title, verdict: recommendation.verdict }));
    if (moveFocus) {
      var target = this.stage.querySelector("[tabindex='-1']");
      if (target) target.focus();
    }
    // For what hosts the questionnaire: the embed page's height report, a learning platform's adapter.
    this.root.dispatchEvent(new CustomEvent("escalation-guide:state", {
      bubbles: true,
      detail: {
        fragment: toFragment(state.answers),
        answers: state.answers.map(function (a) { return { question: a.question, option: a.option }; }),
        node: state.node,
        finished: !question
      }
    }));
  };

  App.prototype.copyLink = function () {
    var status = this.stage.querySelector(".qn-copied");
    var live = this.live;
    var words = this.tree.words;
    var href = shareable(this.act, this.tree);
    var copied = this.tree.recommendations.has(this.state.node)
      ? wording(words, "link_copied")
      : wording(words, "question_link_copied");
    function say(text) {
      status.textContent = text;
      status.hidden = false;
      live.textContent = text;
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(href).then(
        function () { say(copied); },
        function () { say(wording(words, "copy_this_link", { href: href })); });
    } else {
      say(wording(words, "copy_this_link", { href: href }));
    }
  };

  var app = null;

  function mount() {
    var root = document.querySelector("[data-questionnaire]");
    if (!root || !window.ESCALATION_TREE) {
      app = null;
      return;
    }
    if (app && app.root === root) return;
    app = new App(root, window.ESCALATION_TREE);
    app.render(false);
  }

  function onHistory() {
    // Back and Forward fire both popstate and hashchange: render once.
    if (app && app.root.isConnected && app.shown !== location.href) app.render(true);
  }

  window.addEventListener("popstate", onHistory);
  window.addEventListener("hashchange", onHistory);
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(mount);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();

  // For tests and the benchmark.
  window.EscalationQuestionnaire = {
    readFragment: readFragment, replay: replay, toFragment: toFragment, model: model, wording: wording,
    settingOf: settingOf, forSetting: forSetting, varies: varies, withParts: withParts
  };
})();
