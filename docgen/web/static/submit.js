/* The document form (issue 11): one save at a time, Enter never saves by accident, and a
   removed row can be brought back. Everything here only adds to the form: without
   JavaScript the buttons post as before and the server redirects after every save. */
(function () {
  "use strict";

  var FIELDS = "input:not([type=hidden]):not([type=file]):not([disabled]):not([tabindex='-1'])," +
    "select:not([disabled]), textarea:not([disabled]), button:not([disabled]):not([tabindex='-1'])";
  var BUTTON_TYPES = /^(submit|button|image|reset|file)$/;  // Enter keeps its meaning there

  /* -- one save at a time ------------------------------------------------------------- */
  // On window: runs after app.js's listener on document, which may cancel (confirm).
  window.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.matches("form.docform")) { return; }
    if (form.getAttribute("data-saving")) { event.preventDefault(); return; }
    var submitter = event.submitter;
    if (submitter && submitter.name) {  // a disabled button is not posted: keep its value
      var kept = document.createElement("input");
      kept.type = "hidden";
      kept.name = submitter.name;
      kept.value = submitter.value;
      kept.setAttribute("data-submitter-copy", "");
      form.appendChild(kept);
    }
    form.setAttribute("data-saving", "1");
    form.setAttribute("aria-busy", "true");
    form.querySelectorAll("button[type=submit], button:not([type])").forEach(function (button) {
      button.disabled = true;
    });
    if (submitter && submitter.classList.contains("primary")) {
      submitter.setAttribute("data-label", submitter.textContent);
      submitter.textContent = "Menyimpan…";
    }
  });

  // Back/forward cache: the page comes back as it was left; make it usable again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form.docform[data-saving]").forEach(function (form) {
      form.removeAttribute("data-saving");
      form.removeAttribute("aria-busy");
      form.querySelectorAll("[data-submitter-copy]").forEach(function (node) { node.remove(); });
      form.querySelectorAll("button").forEach(function (button) {
        button.disabled = false;
        var label = button.getAttribute("data-label");
        if (label) { button.textContent = label; button.removeAttribute("data-label"); }
      });
    });
  });

  /* -- Enter moves to the next field ---------------------------------------------------- */
  function isVisible(node) {
    return node.offsetParent !== null || node.getClientRects().length > 0;
  }

  document.addEventListener("keydown", function (event) {
    var field = event.target;
    if (event.key !== "Enter" || event.isComposing || event.altKey || event.ctrlKey ||
        event.metaKey || field.tagName !== "INPUT" || BUTTON_TYPES.test(field.type) ||
        !field.form || !field.form.matches("form.docform")) { return; }
    event.preventDefault();  // the form is saved with its buttons only
    var order = Array.prototype.filter.call(field.form.querySelectorAll(FIELDS), isVisible);
    var next = order[order.indexOf(field) + (event.shiftKey ? -1 : 1)];
    if (next) { next.focus(); }
  });

  /* -- undo a removed row --------------------------------------------------------------- */
  function renumber(rows) {
    Array.prototype.forEach.call(rows.children, function (row, index) {
      row.querySelectorAll("[aria-label], [title], .sr").forEach(function (node) {
        ["aria-label", "title"].forEach(function (name) {
          var text = node.getAttribute(name);
          if (text) { node.setAttribute(name, text.replace(/baris \d+/, "baris " + (index + 1))); }
        });
        if (node.classList.contains("sr")) {
          node.textContent = node.textContent.replace(/baris \d+/, "baris " + (index + 1));
        }
      });
    });
  }

  function describe(row, number) {
    var first = row.querySelector("input[type=text], input:not([type]), textarea");
    var value = first && first.value.trim();
    return "Baris " + number + (value ? " (" + value.slice(0, 60) + ")" : "") + " dihapus.";
  }

  function offerUndo(row, rows, before, number) {
    var list = rows.closest("[data-list]") || rows.parentNode;
    var old = list.querySelector(":scope > .row-undo");
    if (old) { old.remove(); }
    var bar = document.createElement("div");
    bar.className = "row-undo flash flash-info";
    bar.setAttribute("role", "status");
    var text = document.createElement("span");
    text.textContent = describe(row, number);
    var undo = document.createElement("button");
    undo.type = "button";
    undo.textContent = "Batalkan hapus";
    undo.addEventListener("click", function () {
      rows.insertBefore(row, before && before.parentNode === rows ? before : null);
      renumber(rows);
      bar.remove();
      var input = row.querySelector("input:not([type=hidden]), select, textarea");
      if (input) { input.focus(); }
    });
    bar.appendChild(text);
    bar.appendChild(undo);
    var rowsBox = rows.closest(".table-wrap") || rows;
    rowsBox.parentNode.insertBefore(bar, rowsBox.nextSibling);
    undo.focus();
  }

  // Capture phase: note the row before app.js's handler removes it, then check after.
  document.addEventListener("click", function (event) {
    var remove = event.target.closest("[data-remove-row]");
    var row = remove && remove.closest("[data-row]");
    if (!row || !row.parentNode) { return; }
    var rows = row.parentNode;
    var before = row.nextElementSibling;
    var number = Array.prototype.indexOf.call(rows.children, row) + 1;
    window.setTimeout(function () {
      if (!row.isConnected) { offerUndo(row, rows, before, number); }
    }, 0);
  }, true);
})();
