/* Small helpers for the generated forms. Every button also works without JavaScript:
   "Tambah baris"/"Hapus" are submit buttons that the server understands. */
(function () {
  "use strict";

  function rowsOf(list) {
    var wrap = list.querySelector(":scope > .table-wrap > table > tbody[data-rows]");
    return wrap || list.querySelector(":scope > [data-rows]");
  }

  /* Row inputs are labelled "Nama (baris 3)": keep the numbers right after a removal. */
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

  function addRow(list) {
    var template = list.querySelector(":scope > template[data-row-template]");
    var rows = rowsOf(list);
    if (!template || !rows) { return; }
    var next = parseInt(list.getAttribute("data-next") || "0", 10);
    list.setAttribute("data-next", String(next + 1));
    var holder = document.createElement("template");
    var html = template.innerHTML.split(template.getAttribute("data-token")).join(String(next));
    var numberToken = template.getAttribute("data-number-token");
    holder.innerHTML = numberToken ? html.split(numberToken).join(String(rows.children.length + 1)) : html;
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
      if (row) {
        var rows = row.parentNode;
        rows.removeChild(row);
        renumber(rows);
      }
    }
  });

  /* A box that scrolls on its own (a wide table on a phone, a long text) can be reached
     with the keyboard and scrolled with the arrow keys. */
  var FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";
  function scrollablesReachable() {
    document.querySelectorAll("main *").forEach(function (node) {
      var style = window.getComputedStyle(node);
      var scrolls = (/(auto|scroll)/.test(style.overflowX) && node.scrollWidth > node.clientWidth) ||
        (/(auto|scroll)/.test(style.overflowY) && node.scrollHeight > node.clientHeight);
      if (scrolls && !node.hasAttribute("tabindex") && !node.querySelector(FOCUSABLE)) {
        node.setAttribute("tabindex", "0");
      }
    });
  }
  scrollablesReachable();
  var resizing = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(scrollablesReachable, 200);
  });

  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });

  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-autosubmit]")) { event.target.form.submit(); }
  });
})();
