// Stripboard drag and drop. Every change is one POST to its verb's URL (board/<verb>/); the server
// answers with the whole board re-rendered (or the unchanged board and a message when the move
// cannot be made), so the page never shows an order the server does not hold.
// Shift-click selects several strips (their scene numbers fill the move box): drag one of them,
// or press Move, and they all move together, in board order. Escape clears the selection.
(function () {
  "use strict";
  let dragged = null;
  let selected = new Set(); // strip ids

  function selectedInOrder() {
    return Array.from(document.querySelectorAll("#board li.strip")).filter(function (li) {
      return selected.has(li.dataset.strip);
    });
  }
  function showSelection() {
    const strips = selectedInOrder();
    document.querySelectorAll("#board li.strip").forEach(function (li) {
      li.classList.toggle("selected", selected.has(li.dataset.strip));
      li.setAttribute("aria-selected", selected.has(li.dataset.strip) ? "true" : "false");
    });
    const input = document.getElementById("move-scene");
    if (!input) return;
    const text = strips.map(function (li) { return li.dataset.scene || "banner"; }).join(", ");
    if (strips.length) {
      input.value = text;
      input.dataset.selection = text;
    } else if (input.dataset.selection !== undefined) {
      if (input.value === input.dataset.selection) input.value = "";
      delete input.dataset.selection;
    }
  }

  function board() { return document.getElementById("board"); }
  function csrf() { return document.querySelector("input[name=csrfmiddlewaretoken]").value; }

  // verb: "move", "remove-day"... (posted to the board's URL + verb), or a form's own URL.
  async function send(verb, fields) {
    const el = board();
    const body = new URLSearchParams(fields);
    body.set("revision", el.dataset.revision);
    el.classList.add("saving");
    const url = verb.startsWith("/") || verb.includes("://") ? verb : el.dataset.url + verb + "/";
    try {
      const response = await fetch(url, {
        method: "POST",
        body: body,
        headers: { "X-CSRFToken": csrf(), "X-Board": "1" },
        credentials: "same-origin",
      });
      const html = await response.text();
      if ((response.headers.get("Content-Type") || "").startsWith("text/html") && html.includes('id="board"')) {
        if (response.ok) selected = new Set();
        el.outerHTML = html;
        showSelection();
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
    if (!selected.has(strip.dataset.strip)) { selected = new Set(); showSelection(); }
    strip.classList.add("dragging");
    selectedInOrder().forEach(function (li) { li.classList.add("dragging"); });
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", strip.dataset.strip);
  });
  document.addEventListener("dragend", function () {
    document.querySelectorAll("#board li.dragging").forEach(function (li) { li.classList.remove("dragging"); });
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
    const many = selected.size > 1 && selected.has(dragged.dataset.strip);
    const fields = many
      ? { strips: selectedInOrder().map(function (li) { return li.dataset.strip; }).join(","), target: info.list.dataset.target }
      : { strip: dragged.dataset.strip, target: info.list.dataset.target };
    if (info.list.dataset.day !== undefined) fields.day = info.list.dataset.day;
    if (info.before) fields.before = info.before;
    send(many ? "move-many" : "move", fields);
  });
  document.addEventListener("submit", function (event) {
    const form = event.target.closest("#board form[data-board-form]");
    if (!form) return;
    event.preventDefault();
    const fields = Object.fromEntries(new FormData(form));
    delete fields.csrfmiddlewaretoken;
    const input = form.querySelector("#move-scene");
    if (input && selected.size && input.value === input.dataset.selection) {
      // The selection, by strip (scene numbers can repeat; banners have none).
      const to = String(fields.to || "").split(":");
      send("move-many", {
        strips: selectedInOrder().map(function (li) { return li.dataset.strip; }).join(","),
        target: to[0],
        day: to[1] || "",
      });
      return;
    }
    send(form.action, fields);
  });
  document.addEventListener("click", function (event) {
    if (!event.shiftKey) return;
    const strip = event.target.closest("#board.editable li.strip");
    if (!strip || event.target.closest("button")) return;
    event.preventDefault();
    if (selected.has(strip.dataset.strip)) selected.delete(strip.dataset.strip);
    else selected.add(strip.dataset.strip);
    showSelection();
  }, true);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && selected.size) { selected = new Set(); showSelection(); }
  });
  document.addEventListener("input", function (event) {
    if (event.target.id === "move-scene" && event.target.value !== event.target.dataset.selection) {
      selected = new Set();
      delete event.target.dataset.selection;
      showSelection();
    }
  });
  document.addEventListener("click", function (event) {
    const button = event.target.closest("#board button[data-action]");
    if (!button) return;
    const fields = {};
    if (button.dataset.day !== undefined) fields.day = button.dataset.day;
    if (button.dataset.before !== undefined) fields.before = button.dataset.before;
    if (button.dataset.strip !== undefined) fields.strip = button.dataset.strip;
    send(button.dataset.action, fields);
  });
})();
