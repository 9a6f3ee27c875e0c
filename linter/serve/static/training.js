// postlint training page: ask, reveal the answer, sum up. Everything stays in this page: no
// request carries an answer, nothing is stored. Without script, each answer opens on its own.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const questions = Array.from(document.querySelectorAll("li.question"));
  const summary = document.getElementById("summary");
  if (!questions.length || !summary) {
    return;
  }
  const missed = new Set();
  let answered = 0;
  let right = 0;

  const finish = () => {
    document.getElementById("score-right").textContent = String(right);
    for (const item of summary.querySelectorAll("#to-review li")) {
      item.hidden = !missed.has(item.dataset.category);
    }
    document.getElementById("to-review").hidden = missed.size === 0;
    document.getElementById("all-right").hidden = missed.size !== 0;
    summary.hidden = false;
    summary.focus();
  };

  for (const question of questions) {
    const choices = question.querySelector(".choices");
    const outcome = question.querySelector(".outcome");
    const details = question.querySelector("details.answer");
    choices.hidden = false;
    details.hidden = true; // the buttons ask first; the answer opens once one is pressed
    for (const button of choices.querySelectorAll("button.choice")) {
      button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", () => {
        const correct = button.dataset.choice === question.dataset.publish;
        for (const other of choices.querySelectorAll("button.choice")) {
          other.disabled = true;
        }
        button.setAttribute("aria-pressed", "true");
        outcome.textContent = (correct ? "\u2713 " : "\u2717 ") + (correct ? outcome.dataset.right : outcome.dataset.wrong);
        outcome.classList.add(correct ? "right" : "wrong");
        question.classList.add("answered");
        details.hidden = false;
        details.open = true;
        answered += 1;
        if (correct) {
          right += 1;
        } else {
          missed.add(question.dataset.category);
        }
        outcome.focus();
        if (answered === questions.length) {
          finish();
        }
      });
    }
  }
});
