/*
 * The SCORM 1.2 adapter of the learning-platform package (downloads/escalation-guide-scorm12.zip).
 * It runs first on the package's page, before the questionnaire, and:
 * - finds the platform's API object as the SCORM 1.2 RTE says: in this window or one of its parents
 *   (past frames of another origin), then in the opener and its parents; and calls LMSInitialize;
 * - marks the activity incomplete, and completed once a recommendation is reached;
 * - records each answer as an interaction: the question's id and the chosen option's id;
 * - keeps the learner's place (the questionnaire's fragment) in cmi.suspend_data and
 *   cmi.core.lesson_location, with cmi.core.exit "suspend", and commits it after every answer and
 *   whenever the page is hidden or about to unload; resumes from it on relaunch;
 * - on pagehide, commits and calls LMSFinish, once.
 * Every call to the platform is guarded: a function that is missing, throws, or answers "false",
 * an error code or nothing is noted in the console, and the adapter goes on with the next call; so
 * one broken call never stops the ones after it, and nothing is ever thrown into the questionnaire.
 * Without a platform it does nothing, and the page works on its own.
 */
(function () {
  "use strict";

  var SUSPEND_LIMIT = 4096; // SCORM 1.2's cmi.suspend_data holds at most this many characters
  var LOCATION_LIMIT = 255; // and cmi.core.lesson_location this many
  var SEARCH_DEPTH = 10; // parents searched above a window; the RTE's own algorithm gives up after 7
  var WARNINGS = 10; // console notes about a failing platform, at most, per session
  var FUNCTIONS = ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit",
    "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"];

  /** Runs `fn`; whatever it throws is noted, never passed on. */
  function safely(fn) {
    try {
      fn();
    } catch (e) {
      note("the SCORM adapter carried on after an error: " + describe(e));
    }
  }

  function describe(e) {
    try {
      return String(e && e.message ? e.message : e);
    } catch (ignored) {
      return "an unreadable error";
    }
  }

  var warned = 0;
  function note(text) {
    if (warned >= WARNINGS) return;
    warned++;
    try {
      if (window.console && typeof console.warn === "function") console.warn("Escalation guide: " + text);
    } catch (ignored) { /* a console that throws is no reason to stop */ }
  }

  /** The SCORM API object of `win`, if it has one: an object with at least one of the API's functions. */
  function apiOf(win) {
    try {
      var candidate = win.API;
      if (!candidate || (typeof candidate !== "object" && typeof candidate !== "function")) return null;
      for (var i = 0; i < FUNCTIONS.length; i++) {
        if (typeof candidate[FUNCTIONS[i]] === "function") return candidate;
      }
    } catch (e) {
      // Another origin's window, or an API that throws when looked at: keep looking further up.
    }
    return null;
  }

  /** The API in `win` or one of its parents, at most SEARCH_DEPTH levels up; null if none. */
  function searchUp(win) {
    for (var depth = 0; win && depth <= SEARCH_DEPTH; depth++) {
      var found = apiOf(win);
      if (found) return found;
      var parent = null;
      try {
        parent = win.parent;
      } catch (e) {
        return null;
      }
      if (!parent || parent === win) return null;
      win = parent;
    }
    return null;
  }

  function openerOf(win) {
    try {
      return win && win.opener ? win.opener : null;
    } catch (e) {
      return null;
    }
  }

  /** This window and its parents, then the opener and its parents (and the top window's opener, for a framed pop-up). */
  function findAPI() {
    var found = searchUp(window);
    if (!found && openerOf(window)) found = searchUp(openerOf(window));
    if (!found) {
      var top = null;
      try {
        top = window.top;
      } catch (e) { /* no top to ask */ }
      if (top && top !== window && openerOf(top)) found = searchUp(openerOf(top));
    }
    return found;
  }

  var api = findAPI();
  if (!api) return;

  /**
   * Calls the API's function `name`: {ok, text}, `ok` false if it is missing or threw,
   * `text` its answer as a string (null for no answer). Never throws.
   */
  function invoke(name, args) {
    try {
      var fn = api[name];
      if (typeof fn !== "function") return { ok: false, text: null, why: "is missing" };
      var value = fn.apply(api, args);
      return { ok: true, text: value === undefined || value === null ? null : String(value) };
    } catch (e) {
      return { ok: false, text: null, why: "threw " + describe(e) };
    }
  }

  /** The platform's last error code, "0" for none; null when it cannot say. */
  function lastError() {
    var answer = invoke("LMSGetLastError", []);
    return answer.ok && answer.text !== null && /^\s*\d+\s*$/.test(answer.text) ? answer.text.trim() : null;
  }

  /** Notes a failed call: `why` if the call itself failed, else the platform's error `code` (asked for if not given). */
  function failed(name, what, why, code) {
    if (warned >= WARNINGS) return;
    if (!why) {
      if (code === undefined) code = lastError();
      why = "did not succeed";
      if (code !== null && code !== "0") {
        var text = invoke("LMSGetErrorString", [code]);
        var diagnostic = invoke("LMSGetDiagnostic", [code]);
        why = "failed with error " + code + (text.ok && text.text ? " (" + text.text + ")" : "") +
          (diagnostic.ok && diagnostic.text && diagnostic.text !== text.text ? ": " + diagnostic.text : "");
      }
    }
    note(name + "(" + what + ") " + why + "; the SCORM adapter carries on");
  }

  /** Calls one of the functions that answer "true" on success: LMSInitialize, LMSSetValue, LMSCommit, LMSFinish. */
  function perform(name, args) {
    var answer = invoke(name, args);
    var ok = answer.ok && answer.text === "true";
    if (!ok) failed(name, args.map(function (a) { return JSON.stringify(a); }).join(", "), answer.why);
    return ok;
  }

  function set(element, value) {
    return perform("LMSSetValue", [element, value]);
  }

  /** The value of `element`; null when the platform cannot give it (missing, threw, no answer, an error code). */
  function get(element) {
    var answer = invoke("LMSGetValue", [element]);
    if (!answer.ok || answer.text === null) {
      failed("LMSGetValue", JSON.stringify(element), answer.why || "gave no answer");
      return null;
    }
    var code = lastError();
    if (code !== null && code !== "0") {
      failed("LMSGetValue", JSON.stringify(element), "", code);
      return null;
    }
    return answer.text;
  }

  // A platform that refuses LMSInitialize (or already had it called) may still take what follows;
  // and if it does not, every later call fails on its own, harmlessly. So the session goes on either way.
  perform("LMSInitialize", [""]);

  var started = Date.now();
  var ended = false;
  var place = null; // the learner's place: the questionnaire's fragment, once it has rendered
  var recorded = null; // the answers already recorded as interactions, as "question.option"
  var interactions = 0; // how many the adapter believes the platform holds, if it cannot say itself

  var previously = get("cmi.core.lesson_status");
  var status = previously === "completed" || previously === "passed" ? null : "incomplete"; // null: leave as it is
  var statusSaved = null;

  /** The fragment to resume from, if the platform kept one: cmi.suspend_data, else cmi.core.lesson_location. */
  function savedPlace() {
    var elements = ["cmi.suspend_data", "cmi.core.lesson_location"];
    for (var i = 0; i < elements.length; i++) {
      var value = get(elements[i]);
      if (value && value.charAt(0) === "#") return value;
    }
    return "";
  }

  safely(savePlace); // the status, before anything else happens

  // Relaunched after a suspend: back to where the learner was, before the questionnaire reads the address.
  var resumed = false;
  safely(function () {
    var saved = savedPlace();
    if (saved && !location.hash) {
      history.replaceState(history.state, "", location.pathname + location.search + saved);
      resumed = true;
    }
  });

  /** `fragment` cut, answer by answer from the end, to at most `limit` characters ("" if not even one answer fits). */
  function fitted(fragment, limit) {
    while (fragment.length > limit) {
      var cut = fragment.lastIndexOf("/");
      if (cut < 0) return "";
      fragment = fragment.slice(0, cut);
    }
    return fragment;
  }

  /** HH:MM:SS, as SCORM 1.2 writes a time of day (CMITime) and a duration (CMITimespan). */
  function hms(hours, minutes, seconds) {
    return [hours, minutes, seconds].map(function (n) { return (n < 10 ? "0" : "") + n; }).join(":");
  }

  /**
   * SCORM 1.2 records a "choice" response as one character, a to z, then 0 to 9: the answer's place among its
   * question's options. The interaction's id, `question.option` as in the questionnaire's links, names the
   * answer itself, so a platform's report shows which was chosen.
   */
  var LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

  function letterOf(question, option) {
    var questions = (window.ESCALATION_TREE && window.ESCALATION_TREE.questions) || {};
    if (!Object.prototype.hasOwnProperty.call(questions, question)) return "";
    var ids = questions[question].options.map(function (o) { return o.id; });
    return ids.indexOf(option) >= 0 ? LETTERS.charAt(ids.indexOf(option)) : "";
  }

  function record(question, option) {
    var count = get("cmi.interactions._count");
    var n = count !== null && /^\s*\d+\s*$/.test(count) ? parseInt(count, 10) : interactions;
    var at = "cmi.interactions." + n + ".";
    var stored = set(at + "id", question + "." + option);
    set(at + "type", "choice");
    var letter = letterOf(question, option);
    if (letter) set(at + "student_response", letter);
    var time = new Date();
    set(at + "time", hms(time.getHours(), time.getMinutes(), time.getSeconds()));
    interactions = stored ? n + 1 : n;
  }

  /** Writes the learner's place and status; each write on its own, so that one refused write does not stop the rest. */
  function savePlace() {
    if (status !== null && status !== statusSaved && set("cmi.core.lesson_status", status)) statusSaved = status;
    if (place === null) return;
    // A place too long for an element is kept as far as it fits, which is where the questionnaire then resumes.
    var data = fitted(place, SUSPEND_LIMIT);
    var spot = fitted(place, LOCATION_LIMIT);
    if (data || !place) set("cmi.suspend_data", data);
    if (spot || !place) set("cmi.core.lesson_location", spot);
    set("cmi.core.exit", "suspend"); // come back here next time, even if the session ends without pagehide
  }

  /** Saves the place and asks the platform to store it, without ending the session. */
  function checkpoint() {
    if (ended) return;
    safely(savePlace);
    perform("LMSCommit", [""]);
  }

  /** The end of the session: the place, the time spent, then LMSCommit and LMSFinish, exactly once. */
  function end() {
    if (ended) return;
    ended = true;
    safely(savePlace);
    safely(function () {
      var seconds = Math.round((Date.now() - started) / 1000);
      set("cmi.core.session_time", hms(Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60));
    });
    perform("LMSCommit", [""]);
    perform("LMSFinish", [""]);
  }

  document.addEventListener("escalation-guide:state", function (event) {
    if (ended) return;
    safely(function () {
      var state = event.detail;
      var now = state.answers.map(function (a) { return a.question + "." + a.option; });
      // Answers restored from the platform were recorded in the earlier session.
      if (recorded === null) recorded = resumed ? now : [];
      var same = 0;
      while (same < recorded.length && same < now.length && recorded[same] === now[same]) same++;
      for (var i = same; i < now.length; i++) record(state.answers[i].question, state.answers[i].option);
      recorded = now;
      place = String(state.fragment);
      if (state.finished && status !== null) status = "completed";
    });
    checkpoint();
  });

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") checkpoint();
  });
  // Leaving may still be cancelled here, so this only saves; pagehide, which always follows a real leave, ends.
  window.addEventListener("beforeunload", checkpoint);
  window.addEventListener("pagehide", end);
})();
