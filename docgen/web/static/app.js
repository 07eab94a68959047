/* Small helpers for the generated forms. Every button also works without JavaScript:
   "Tambah baris"/"Hapus" are submit buttons that the server understands. */
(function () {
  "use strict";

  function rowsOf(list) {
    var wrap = list.querySelector(":scope > .table-wrap > table > tbody[data-rows]");
    return wrap || list.querySelector(":scope > [data-rows]");
  }

  function addRow(list) {
    var template = list.querySelector(":scope > template[data-row-template]");
    var rows = rowsOf(list);
    if (!template || !rows) { return; }
    var next = parseInt(list.getAttribute("data-next") || "0", 10);
    list.setAttribute("data-next", String(next + 1));
    var holder = document.createElement("template");
    holder.innerHTML = template.innerHTML.split(template.getAttribute("data-token")).join(String(next));
    var added = holder.content.firstElementChild;
    rows.appendChild(holder.content);
    var first = added && added.querySelector("input:not([type=hidden]), select, textarea");
    if (first) { first.focus(); }
  }

  document.addEventListener("click", function (event) {
    var add = event.target.closest("[data-add-row]");
    if (add) {
      event.preventDefault();
      addRow(add.closest("[data-list]"));
      return;
    }
    var remove = event.target.closest("[data-remove-row]");
    if (remove) {
      event.preventDefault();
      var row = remove.closest("[data-row]");
      if (row) { row.parentNode.removeChild(row); }
    }
  });

  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });

  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-autosubmit]")) { event.target.form.submit(); }
  });
})();
