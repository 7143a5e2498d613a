/*
 * The escalation guide's questionnaire: one question at a time, ending in a
 * recommendation that explains itself.
 *
 * - state: pure functions between the answers, the URL fragment
 *   (#a=question.option/question.option) and the node they lead to. The
 *   answers live only in the fragment, which browsers never send to a server.
 * - view: builds the DOM with textContent and attributes, never innerHTML, so
 *   nothing from the tree or the URL is ever parsed as markup.
 * - mount: Material's document$ emits on every page, instant navigation
 *   included; window listeners are added once, at load, never per mount.
 *
 * Its data, window.ESCALATION_TREE, is written by the build from the YAML tree.
 */
(function () {
  "use strict";

  var KEY = "a";
  // Marks the history entries this script adds: Back can only use history.back() when the
  // entry before this one is ours, which a shared link opened in a fresh tab does not have.
  var OURS = { escalationGuideStep: true };

  /* ---------------------------------------------------------------- state */

  function model(data) {
    // Maps, not plain objects: a fragment naming "__proto__" must find nothing.
    var questions = new Map(Object.entries(data.questions));
    var recommendations = new Map(Object.entries(data.recommendations));
    return { start: data.start, questions: questions, recommendations: recommendations };
  }

  /** The answer pairs a fragment asks for; `malformed` when it is not ours at all. */
  function readFragment(hash) {
    var raw = hash.replace(/^#/, "");
    if (raw === "") return { pairs: [], malformed: false };
    var value = new URLSearchParams(raw).get(KEY);
    if (value === null) return { pairs: [], malformed: true };
    if (value === "") return { pairs: [], malformed: false };
    var pairs = value.split("/").map(function (part) {
      var dot = part.indexOf(".");
      return dot > 0 ? [part.slice(0, dot), part.slice(dot + 1)] : [part, ""];
    });
    return { pairs: pairs, malformed: false };
  }

  /** The longest prefix of `pairs` that still fits the tree, and the node it reaches. */
  function replay(tree, pairs) {
    var node = tree.start;
    var answers = [];
    for (var i = 0; i < pairs.length; i++) {
      var question = tree.questions.get(node);
      if (!question || pairs[i][0] !== node) break;
      var option = question.options.find(function (o) { return o.id === pairs[i][1]; });
      if (!option) break;
      answers.push({ question: node, option: option.id });
      node = option.next;
    }
    return { answers: answers, node: node, stale: answers.length < pairs.length };
  }

  function toFragment(answers) {
    if (answers.length === 0) return "";
    return "#" + KEY + "=" + answers.map(function (a) {
      return encodeURIComponent(a.question) + "." + encodeURIComponent(a.option);
    }).join("/");
  }

  function pairsOf(answers) {
    return answers.map(function (a) { return [a.question, a.option]; });
  }

  /* ----------------------------------------------------------------- view */

  /** An element with attributes and children; strings become text nodes, never markup. */
  function h(tag, attributes) {
    var element = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (name.slice(0, 2) === "on") element.addEventListener(name.slice(2), value);
      else if (value !== false && value !== null && value !== undefined) element.setAttribute(name, value);
    });
    for (var i = 2; i < arguments.length; i++) {
      [].concat(arguments[i]).forEach(function (child) {
        if (child !== null && child !== undefined && child !== false) element.append(child);
      });
    }
    return element;
  }

  /** A link to a site page from wherever the questionnaire is, under any base path. */
  function siteUrl(path) {
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base : ".";
    return new URL(base.replace(/\/?$/, "/") + path, location.href).href;
  }

  function button(label, onclick, extra) {
    return h("button", Object.assign({ type: "button", class: "md-button", onclick: onclick }, extra || {}), label);
  }

  function progressText(answers, question) {
    var more = question.depth - 1;
    var tail = more === 0 ? "the last question on this branch"
      : "at most " + more + " more on this branch";
    return "Question " + (answers.length + 1) + " · " + tail;
  }

  function questionView(app, question, id) {
    var answers = app.state.answers;
    var legendId = "qn-legend-" + id;
    var chosen = app.reopened && app.reopened.question === id ? app.reopened.option : null;
    return h("section", { class: "qn-step", "data-node-id": id, "aria-labelledby": legendId },
      h("p", { class: "qn-progress" }, progressText(answers, question)),
      h("fieldset", { class: "qn-fieldset" },
        h("legend", { id: legendId, class: "qn-prompt", tabindex: "-1" }, question.prompt),
        h("details", { class: "qn-why" },
          h("summary", {}, "Why this matters"),
          h("p", {}, question.why)),
        h("div", { class: "qn-options" }, question.options.map(function (option) {
          return h("button", {
            type: "button",
            class: "qn-option",
            "data-option-id": option.id,
            "aria-describedby": chosen === option.id ? "qn-previous-" + id : null,
            onclick: function () { app.answer(id, option.id); }
          }, option.label, chosen === option.id
            ? h("span", { id: "qn-previous-" + id, class: "qn-previous" }, " (your earlier answer)") : null);
        }))),
      actions(app));
  }

  function resultView(app, recommendation, id) {
    var tree = app.tree;
    var headingId = "qn-result-" + id;
    return h("section", { class: "qn-step qn-result", "data-node-id": id, "aria-labelledby": headingId },
      h("p", { class: "qn-progress" },
        "Recommendation after " + app.state.answers.length + " answer" + (app.state.answers.length === 1 ? "" : "s")),
      h("h2", { id: headingId, class: "qn-title", tabindex: "-1" }, recommendation.title),
      h("p", { class: "qn-verdict" }, recommendation.verdict),
      h("h3", {}, "Next steps"),
      h("ol", { class: "qn-steps" }, recommendation.steps.map(function (step) { return h("li", {}, step); })),
      h("h3", {}, "Why this is the advice for your answers"),
      h("ul", { class: "qn-why-list" }, app.state.answers.map(function (answer) {
        var question = tree.questions.get(answer.question);
        var option = question.options.find(function (o) { return o.id === answer.option; });
        return h("li", {},
          h("strong", {}, question.title), " You answered “", option.label, "”. ", option.meaning);
      })),
      h("p", {}, h("a", { href: siteUrl(recommendation.url), class: "qn-full" },
        "Read the full recommendation, with its reasoning and risks")),
      h("div", { class: "qn-actions" },
        button("Copy link to this result", function () { app.copyLink(); }, { class: "md-button md-button--primary" }),
        Array.from(actions(app).childNodes)),
      h("p", { class: "qn-copied", hidden: true }));
  }

  function actions(app) {
    var answered = app.state.answers.length > 0;
    return h("div", { class: "qn-actions" },
      answered ? button("Back", function () { app.back(); }) : null,
      answered ? button("Start again", function () { app.go([], { push: true }); }) : null);
  }

  function trailView(app) {
    var list = h("ol");
    var section = h("section", { class: "qn-trail", "aria-labelledby": "qn-trail-title", hidden: true },
      h("h2", { id: "qn-trail-title" }, "Your answers so far"),
      list,
      button("Clear my answers", function () { app.go([], { push: false }); }, { class: "md-button qn-clear" }));
    section.list = list;
    return section;
  }

  function trailItem(app, answer, index) {
    var question = app.tree.questions.get(answer.question);
    var option = question.options.find(function (o) { return o.id === answer.option; });
    return h("li", { "data-trail-question": answer.question, "data-trail-option": answer.option },
      h("span", { class: "qn-trail-question" }, question.title), " ",
      h("span", { class: "qn-trail-answer" }, option.label), " ",
      h("button", {
        type: "button",
        class: "qn-change",
        "aria-label": "Change your answer to: " + question.title,
        onclick: function () { app.change(index); }
      }, "Change"));
  }

  /** Bring the trail in line with the answers, keeping the items that still match. */
  function updateTrail(app) {
    var answers = app.state.answers;
    var items = app.trail.list.children;
    var keep = 0;
    while (keep < items.length && keep < answers.length &&
      items[keep].getAttribute("data-trail-question") === answers[keep].question &&
      items[keep].getAttribute("data-trail-option") === answers[keep].option) keep++;
    while (items.length > keep) app.trail.list.lastChild.remove();
    for (var i = keep; i < answers.length; i++) app.trail.list.append(trailItem(app, answers[i], i));
    app.trail.hidden = answers.length === 0;
  }

  /* ---------------------------------------------------------------- mount */

  function App(root, data) {
    this.root = root;
    this.tree = model(data);
    this.state = { answers: [], node: this.tree.start };
    this.reopened = null; // while changing an answer: the old choice and what followed it
    root.textContent = "";
    this.notice = h("p", { class: "qn-notice", role: "status", hidden: true });
    this.stage = h("div", { class: "qn-stage" });
    this.trail = trailView(this);
    this.live = h("div", { class: "qn-live", "aria-live": "polite", "aria-atomic": "true" });
    root.append(this.notice, this.stage, this.trail, this.live);
    root.classList.add("qn-ready");
  }

  App.prototype.render = function (moveFocus) {
    var read = readFragment(location.hash);
    var state = replay(this.tree, read.pairs);
    if (this.reopened && toFragment(state.answers) !== this.reopened.at) this.reopened = null;
    this.state = state;
    var noticeText = "";
    if (read.malformed || state.stale) {
      noticeText = "That link no longer matched these questions, so you are resuming " +
        (state.answers.length ? "after your first " + state.answers.length + " answer" +
          (state.answers.length === 1 ? "" : "s") + "." : "from the first question.");
      history.replaceState(history.state, "", location.pathname + location.search + toFragment(state.answers));
    }
    this.notice.textContent = noticeText;
    this.notice.hidden = !noticeText;
    this.shown = location.href; // after any clean-up of the fragment above

    var question = this.tree.questions.get(state.node);
    var recommendation = this.tree.recommendations.get(state.node);
    this.stage.replaceChildren(question ? questionView(this, question, state.node)
      : resultView(this, recommendation, state.node));
    updateTrail(this);

    var said = question ? progressText(state.answers, question) + ": " + question.prompt
      : "Recommendation: " + recommendation.title + ". " + recommendation.verdict;
    this.live.textContent = (noticeText ? noticeText + " " : "") + said;
    if (moveFocus) {
      var target = this.stage.querySelector("[tabindex='-1']");
      if (target) target.focus();
    }
  };

  /** Show the state for `answers`, as a new history entry (push) or in place of this one. */
  App.prototype.go = function (answers, how) {
    var url = location.pathname + location.search + toFragment(answers);
    if (how.push) history.pushState(OURS, "", url);
    else history.replaceState(history.state, "", url);
    this.render(true);
  };

  /** One step back: through the browser's history when the entry before is ours, else in place. */
  App.prototype.back = function () {
    if (history.state && history.state.escalationGuideStep) history.back();
    else this.go(this.state.answers.slice(0, -1), { push: false });
  };

  App.prototype.answer = function (questionId, optionId) {
    var pairs = pairsOf(this.state.answers).concat([[questionId, optionId]]);
    if (this.reopened) pairs = pairs.concat(this.reopened.rest); // keep what still applies
    this.reopened = null;
    this.go(replay(this.tree, pairs).answers, { push: true });
  };

  App.prototype.change = function (index) {
    var answers = this.state.answers;
    var kept = answers.slice(0, index);
    this.reopened = {
      at: toFragment(kept),
      question: answers[index].question,
      option: answers[index].option,
      rest: pairsOf(answers.slice(index + 1))
    };
    this.go(kept, { push: true });
  };

  App.prototype.copyLink = function () {
    var status = this.stage.querySelector(".qn-copied");
    var live = this.live;
    function say(text) {
      status.textContent = text;
      status.hidden = false;
      live.textContent = text;
    }
    var href = location.href;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(href).then(
        function () { say("Link copied. Anyone who opens it sees this result and your answers."); },
        function () { say("Copy this link: " + href); });
    } else {
      say("Copy this link: " + href);
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

  // document$ covers instant navigation; it stays silent on file://, so the
  // first page is also mounted directly. mount() ignores a root it already has.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mount);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }

  // Exposed for tests and the benchmark; nothing on the page depends on it.
  window.EscalationQuestionnaire = { readFragment: readFragment, replay: replay, toFragment: toFragment, model: model };
})();
