// The few behaviours the pages have, without inline handlers (the Content-Security-Policy
// allows scripts from this site only). Each works on any element that asks for it.
document.documentElement.classList.add("js");
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
  // A table wider than the screen scrolls inside itself (phones); keyboard users must be
  // able to reach it to scroll it, so it takes the focus only while it overflows.
  const scrollables = document.querySelectorAll("table.list, table.audit-diff, .table-scroll");
  const markScrollable = () => {
    for (const region of scrollables) {
      if (region.scrollWidth > region.clientWidth + 1) {
        region.setAttribute("tabindex", "0");
      } else if (region.getAttribute("tabindex") === "0") {
        region.removeAttribute("tabindex");
      }
    }
  };
  markScrollable();
  window.addEventListener("resize", markScrollable);
  // The menu button of narrow screens: shown only when this script runs (without it the
  // menu simply stays open), it opens and closes the menu and says so to screen readers.
  for (const button of document.querySelectorAll("button.menu-toggle")) {
    const menu = document.getElementById(button.getAttribute("aria-controls"));
    if (!menu) continue;
    button.hidden = false;
    button.addEventListener("click", () => {
      const open = menu.classList.toggle("open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
});
