/*
 * The SCORM 1.2 adapter of the learning-platform package (downloads/escalation-guide-scorm12.zip).
 * It runs first on the package's page, before the questionnaire, and:
 * - finds the platform's API object in a parent frame or the opener, and calls LMSInitialize;
 * - marks the activity incomplete, and completed once a recommendation is reached;
 * - records each answer as an interaction: the question's id and the chosen option's id;
 * - keeps the questionnaire's fragment in cmi.suspend_data, and resumes from it on relaunch;
 * - on pagehide, asks to be resumed next time, commits and calls LMSFinish.
 * Without a platform it does nothing, and the page works on its own.
 */
(function () {
  "use strict";

  var SUSPEND_LIMIT = 4096; // SCORM 1.2's cmi.suspend_data holds at most this many characters

  /** The API object in `win` or one of its parents; null if none, or if a parent is another origin's. */
  function searchUp(win) {
    for (var depth = 0; win && depth < 10; depth++) {
      try {
        if (win.API) return win.API;
      } catch (e) {
        return null;
      }
      if (win.parent === win) return null;
      win = win.parent;
    }
    return null;
  }

  var api = searchUp(window) || (window.opener ? searchUp(window.opener) : null);
  if (!api || String(api.LMSInitialize("")) !== "true") return;

  var started = Date.now();
  var status = api.LMSGetValue("cmi.core.lesson_status");
  if (status !== "completed" && status !== "passed") api.LMSSetValue("cmi.core.lesson_status", "incomplete");

  // Relaunched after a suspend: back to where the learner was, before the questionnaire reads the address.
  var saved = String(api.LMSGetValue("cmi.suspend_data") || "");
  var resumed = saved.charAt(0) === "#" && !location.hash;
  if (resumed) history.replaceState(history.state, "", location.pathname + location.search + saved);

  var recorded = null; // the answers already recorded as interactions, as "question.option"

  /** HH:MM:SS, as SCORM 1.2 writes a time of day (CMITime) and a duration (CMITimespan). */
  function hms(hours, minutes, seconds) {
    return [hours, minutes, seconds].map(function (n) { return (n < 10 ? "0" : "") + n; }).join(":");
  }

  function record(question, option) {
    var n = parseInt(api.LMSGetValue("cmi.interactions._count"), 10) || 0;
    var at = "cmi.interactions." + n + ".";
    api.LMSSetValue(at + "id", question);
    api.LMSSetValue(at + "type", "choice");
    api.LMSSetValue(at + "student_response", option);
    var time = new Date();
    api.LMSSetValue(at + "time", hms(time.getHours(), time.getMinutes(), time.getSeconds()));
  }

  document.addEventListener("escalation-guide:state", function (event) {
    var state = event.detail;
    var now = state.answers.map(function (a) { return a.question + "." + a.option; });
    // Answers restored from the platform were recorded in the earlier session.
    if (recorded === null) recorded = resumed ? now : [];
    var same = 0;
    while (same < recorded.length && same < now.length && recorded[same] === now[same]) same++;
    for (var i = same; i < now.length; i++) record(state.answers[i].question, state.answers[i].option);
    recorded = now;
    if (state.fragment.length <= SUSPEND_LIMIT) api.LMSSetValue("cmi.suspend_data", state.fragment);
    if (state.finished) api.LMSSetValue("cmi.core.lesson_status", "completed");
    api.LMSCommit("");
  });

  var finished = false;
  window.addEventListener("pagehide", function () {
    if (finished) return;
    finished = true;
    var seconds = Math.round((Date.now() - started) / 1000);
    api.LMSSetValue("cmi.core.session_time", hms(Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60));
    api.LMSSetValue("cmi.core.exit", "suspend");
    api.LMSCommit("");
    api.LMSFinish("");
  });
})();
