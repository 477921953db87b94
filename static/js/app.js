// The few behaviours the pages have, without inline handlers (the Content-Security-Policy
// allows scripts from this site only). Each works on any element that asks for it.
document.addEventListener("DOMContentLoaded", () => {
  // A "select all" box ticks every row of its table (rows are checkboxes named by data-rows).
  for (const box of document.querySelectorAll("input.select-all")) {
    const name = box.dataset.rows || "tasks";
    box.addEventListener("change", () => {
      for (const row of box.closest("table").querySelectorAll(`input[name="${name}"]`)) {
        row.checked = box.checked;
      }
    });
  }
  // A list that submits its form as soon as a choice is made (the language menu).
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    select.addEventListener("change", () => select.form.submit());
  }
});
