// Progressive enhancement only: every page works without JavaScript.
import { initAll } from "./nhsuk-frontend.min.js";

initAll();

// A job's page (jobs/job.jinja): while the job waits or runs, fetch the page
// again every few seconds and put the job's new state in place. Without
// JavaScript the page has a link to reload it. Only a change of status is
// announced to screen readers, not every step of progress.
const job = document.querySelector("[data-reload-every]");
if (job) {
  const every = Number(job.dataset.reloadEvery) * 1000;
  const announce = document.getElementById("job-announce");
  const refresh = async () => {
    const response = await fetch(window.location.href, { credentials: "same-origin" });
    const fresh = response.ok
      ? new DOMParser().parseFromString(await response.text(), "text/html").getElementById(job.id)
      : null;
    if (!fresh) {
      setTimeout(refresh, every * 2);
      return;
    }
    if (announce && fresh.dataset.status !== job.dataset.status) {
      announce.textContent = fresh.dataset.statusLabel;
    }
    job.replaceChildren(...fresh.childNodes);
    job.dataset.status = fresh.dataset.status;
    if (fresh.hasAttribute("data-reload-every")) {
      setTimeout(refresh, every);
    } else {
      job.removeAttribute("data-reload-every");
    }
  };
  setTimeout(refresh, every);
}
