/*
 * The embed page (embed/) inside another site's <iframe>: tell the host page how tall the
 * content is, so that it can size the frame without a scroll bar. The message is
 *   { type: "escalation-guide:height", height: <CSS pixels> }
 * sent to the parent at load, after each step and whenever the content's size changes.
 * The height is not private, so any parent may read it ("*"); nothing is read back.
 */
(function () {
  "use strict";

  if (window.parent === window) return;
  var last = -1;

  function report() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "escalation-guide:height", height: height }, "*");
  }

  document.addEventListener("escalation-guide:state", report);
  window.addEventListener("load", report);
  if (window.ResizeObserver) new ResizeObserver(report).observe(document.documentElement);
  report();
})();
