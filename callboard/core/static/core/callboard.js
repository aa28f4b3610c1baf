// Small behaviours every page shares, wired by data attributes instead of inline handlers so
// the Content-Security-Policy can refuse inline script:
//   <form data-confirm="Remove them?">   asks before submitting
//   <select data-autosubmit>              submits its form when changed
//   <button data-copy="text" data-copied="Copied">  copies text to the clipboard
//   <input type="search" data-filter="ID">  narrows the [data-filter-item] rows inside #ID
//     to those holding every word typed; [data-filter-count="ID"] says how many are shown,
//     and a [data-filter-none] inside #ID shows when none is
//   <button data-select-shown="ID">  ticks every shown checkbox in #ID (with data-unselect:
//     clears them); rows hidden by the filter are left as they are
//   [data-needs-js hidden]  shown only when this script runs (the page works without it)
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
}, true);
document.addEventListener("change", (event) => {
  if (event.target.matches("select[data-autosubmit]")) event.target.form.requestSubmit();
});
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  navigator.clipboard.writeText(button.dataset.copy).then(() => {
    if (button.dataset.copied) button.textContent = button.dataset.copied;
  });
});

function filterList(input) {
  const list = document.getElementById(input.dataset.filter);
  if (!list) return;
  const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
  const items = list.querySelectorAll("[data-filter-item]");
  let shown = 0;
  items.forEach((item) => {
    const text = item.textContent.toLowerCase();
    const match = words.every((word) => text.includes(word));
    item.hidden = !match;
    if (match) shown += 1;
  });
  const none = list.querySelector("[data-filter-none]");
  if (none) none.hidden = shown > 0 || items.length === 0;
  const chosen = list.querySelectorAll("[data-filter-item] input:checked").length;
  document.querySelectorAll(`[data-filter-count="${list.id}"]`).forEach((count) => {
    count.textContent = (words.length ? `${shown} of ${items.length} shown` : `${items.length} listed`)
      + (chosen ? ` · ${chosen} chosen` : "");
  });
}
function refilter(list) {
  document.querySelectorAll(`input[data-filter="${list.id}"]`).forEach(filterList);
}
document.addEventListener("change", (event) => {
  const list = event.target.closest("[id]:has(> [data-filter-item])");
  if (list) refilter(list);
});
document.addEventListener("input", (event) => {
  if (event.target.matches("input[data-filter]")) filterList(event.target);
});
document.addEventListener("keydown", (event) => {
  // Enter in a filter box narrows the list; it must not send the form.
  if (event.key === "Enter" && event.target.matches("input[data-filter]")) event.preventDefault();
});
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-select-shown]");
  if (!button) return;
  const list = document.getElementById(button.dataset.selectShown);
  if (!list) return;
  const tick = !("unselect" in button.dataset);
  list.querySelectorAll("[data-filter-item]").forEach((item) => {
    if (item.hidden) return;
    item.querySelectorAll("input[type=checkbox]").forEach((box) => { box.checked = tick; });
  });
  refilter(list);
});
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-needs-js][hidden]").forEach((element) => { element.hidden = false; });
  document.querySelectorAll("input[data-filter]").forEach(filterList);
});
