// postlint review page: the one piece of script, "copy as Markdown report". The page works
// without it (the report can be selected in its box); no inline script, no framework.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const button = document.getElementById("copy-report");
  const report = document.getElementById("markdown-report");
  const status = document.getElementById("copy-status");
  if (!button || !report || !status) {
    return;
  }
  button.hidden = false;

  const copyBySelection = () => {
    report.closest("details").open = true;
    report.focus();
    report.select();
    return document.execCommand("copy");
  };

  button.addEventListener("click", async () => {
    let copied = false;
    try {
      await navigator.clipboard.writeText(report.value);
      copied = true;
    } catch (error) {
      copied = copyBySelection(); // no clipboard API outside a secure context (http on another host)
    }
    status.textContent = copied ? button.dataset.copied : button.dataset.failed;
  });
});
