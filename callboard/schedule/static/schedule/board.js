// Stripboard drag and drop. Every change is one POST to the board's change URL; the server
// answers with the whole board re-rendered (or the unchanged board and a message when the move
// cannot be made), so the page never shows an order the server does not hold.
(function () {
  "use strict";
  let dragged = null;

  function board() { return document.getElementById("board"); }
  function csrf() { return document.querySelector("input[name=csrfmiddlewaretoken]").value; }

  async function send(fields) {
    const el = board();
    const body = new URLSearchParams(fields);
    body.set("revision", el.dataset.revision);
    el.classList.add("saving");
    try {
      const response = await fetch(el.dataset.url, {
        method: "POST",
        body: body,
        headers: { "X-CSRFToken": csrf(), "X-Board": "1" },
        credentials: "same-origin",
      });
      const html = await response.text();
      if ((response.headers.get("Content-Type") || "").startsWith("text/html") && html.includes('id="board"')) {
        el.outerHTML = html;
      } else {
        window.location.reload();
      }
    } catch (error) {
      el.classList.remove("saving");
      alert("The board could not be saved (" + error + "). Nothing was changed; reload the page.");
    }
  }

  function dropInfo(event) {
    const list = event.target.closest("ol.strips");
    if (!list) return null;
    const strip = event.target.closest("li.strip");
    let before = null;
    if (strip && strip !== dragged) {
      const box = strip.getBoundingClientRect();
      const after = event.clientY > box.top + box.height / 2;
      const next = after ? strip.nextElementSibling : strip;
      before = next && next.dataset.strip ? next.dataset.strip : null;
    }
    return { list: list, before: before };
  }

  document.addEventListener("dragstart", function (event) {
    const strip = event.target.closest && event.target.closest("#board.editable li.strip");
    if (!strip) return;
    dragged = strip;
    strip.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", strip.dataset.strip);
  });
  document.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    document.querySelectorAll(".drop-here").forEach(function (el) { el.classList.remove("drop-here"); });
  });
  // Long boards: dragging near the top or bottom of the window scrolls it.
  const EDGE = 70;
  function autoScroll(event) {
    if (event.clientY < EDGE) window.scrollBy(0, -Math.ceil((EDGE - event.clientY) / 3));
    else if (event.clientY > window.innerHeight - EDGE)
      window.scrollBy(0, Math.ceil((event.clientY - window.innerHeight + EDGE) / 3));
  }

  document.addEventListener("dragover", function (event) {
    if (!dragged) return;
    autoScroll(event);
    const info = dropInfo(event);
    if (!info) return;
    event.preventDefault();
    document.querySelectorAll(".drop-here").forEach(function (el) { el.classList.remove("drop-here"); });
    info.list.classList.add("drop-here");
  });
  document.addEventListener("drop", function (event) {
    if (!dragged) return;
    const info = dropInfo(event);
    if (!info) return;
    event.preventDefault();
    const fields = { action: "move", strip: dragged.dataset.strip, target: info.list.dataset.target };
    if (info.list.dataset.day !== undefined) fields.day = info.list.dataset.day;
    if (info.before) fields.before = info.before;
    send(fields);
  });
  document.addEventListener("submit", function (event) {
    const form = event.target.closest("#board form[data-board-form]");
    if (!form) return;
    event.preventDefault();
    const fields = Object.fromEntries(new FormData(form));
    delete fields.csrfmiddlewaretoken;
    send(fields);
  });
  document.addEventListener("click", function (event) {
    const button = event.target.closest("#board button[data-action]");
    if (!button) return;
    const fields = { action: button.dataset.action };
    if (button.dataset.day !== undefined) fields.day = button.dataset.day;
    if (button.dataset.before !== undefined) fields.before = button.dataset.before;
    if (button.dataset.strip !== undefined) fields.strip = button.dataset.strip;
    send(fields);
  });
})();
