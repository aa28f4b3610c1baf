// Small behaviours every page shares, wired by data attributes instead of inline handlers so
// the Content-Security-Policy can refuse inline script:
//   <form data-confirm="Remove them?">   asks before submitting
//   <select data-autosubmit>              submits its form when changed
//   <button data-copy="text" data-copied="Copied">  copies text to the clipboard
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
