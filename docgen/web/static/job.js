/* A job's page: its progress asked every second (/pekerjaan/<id>.json); when the job is
   done or failed the page is loaded again, showing the download link or the message.
   Without JavaScript the page's "Muat ulang" link does the same by hand. */
(function () {
  "use strict";

  var card = document.querySelector("[data-job-status]");
  if (!card) { return; }
  var url = card.getAttribute("data-job-status");
  var bar = card.querySelector("[data-job-progress]");
  var text = card.querySelector("[data-job-text]");
  var label = card.querySelector("[data-job-label]");
  var LABELS = {queued: "Menunggu giliran", running: "Sedang dikerjakan"};

  function show(job) {
    if (job.status === "done" || job.status === "failed") {
      window.location.reload();
      return false;
    }
    if (bar) { bar.max = job.total || 1; bar.value = job.done; }
    if (text) { text.textContent = job.done + " dari " + job.total + " dokumen"; }
    if (label && LABELS[job.status]) { label.textContent = LABELS[job.status]; }
    return true;
  }

  function poll() {
    fetch(url, {credentials: "same-origin", headers: {Accept: "application/json"}})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (job) {
        if (job === null || show(job)) { window.setTimeout(poll, 1000); }
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }

  window.setTimeout(poll, 1000);
}());
