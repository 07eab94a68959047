/* Choosing instead of retyping (templates/_pick_lists.html).

   <datalist data-pick-inputs="REGEX"> offers its options to every input whose name
   matches REGEX, rows added later included. An option with data-fill='{"nip": ...}'
   fills the other fields of the same row (or group) when it is chosen: the input named
   "agen[2].nama" fills "agen[2].nip" and "agen[2].jabatan".
   <datalist data-pick-source="REGEX"> is rebuilt from the inputs matching REGEX as they
   are typed (Form B-1's codes, labelled with the problem's text). Without JavaScript the
   fields are typed as before. */
(function () {
  "use strict";

  function lists() {
    return Array.prototype.slice.call(document.querySelectorAll("datalist[data-pick-inputs]"));
  }

  function listFor(input) {
    var name = input.getAttribute("name") || "";
    return lists().filter(function (list) {
      return new RegExp(list.getAttribute("data-pick-inputs")).test(name);
    })[0];
  }

  function attach(input) {
    var list = input.matches && input.matches("input[type=text]") ? listFor(input) : null;
    if (list && input.getAttribute("list") !== list.id) {
      input.setAttribute("list", list.id);
      input.setAttribute("autocomplete", "off");
      var hint = document.getElementById(list.id + "-hint");
      if (hint) {
        placeHint(hint, input);
        var ids = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
        if (ids.indexOf(hint.id) < 0) { ids.push(hint.id); }
        input.setAttribute("aria-describedby", ids.join(" "));
      }
    }
    return list;
  }

  function sibling(input, field) {
    var name = input.getAttribute("name").replace(/[^.]+$/, field);
    return input.form ? input.form.elements.namedItem(name) : null;
  }

  function fill(input) {
    var list = attach(input);
    if (!list) { return; }
    var chosen = Array.prototype.filter.call(list.options, function (option) {
      return option.value === input.value && option.hasAttribute("data-fill");
    })[0];
    if (!chosen) { return; }
    var values = JSON.parse(chosen.getAttribute("data-fill"));
    Object.keys(values).forEach(function (field) {
      var target = sibling(input, field);
      if (target && target.value !== undefined) {
        target.value = values[field];
        target.dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
  }

  function rebuild(list) {
    var source = new RegExp(list.getAttribute("data-pick-source"));
    var seen = {};
    var options = [];
    Array.prototype.forEach.call(document.querySelectorAll("input[name]"), function (input) {
      var code = input.value.trim();
      if (!source.test(input.name) || !code || seen[code]) { return; }
      seen[code] = true;
      var text = sibling(input, "masalah");
      var option = document.createElement("option");
      option.value = code;
      option.label = text && text.value ? text.value.slice(0, 120) : code;
      options.push(option);
    });
    list.replaceChildren.apply(list, options);
  }

  function placeHint(hint, input) {
    var group = input.closest("fieldset");
    if (!group || group.contains(hint)) { return; }
    var before = group.querySelectorAll(":scope > legend, :scope > p.help");
    var after = before.length ? before[before.length - 1].nextSibling : group.firstChild;
    group.insertBefore(hint, after);
    hint.hidden = false;
  }

  document.addEventListener("focusin", function (event) { attach(event.target); });
  document.addEventListener("change", function (event) { fill(event.target); });
  document.addEventListener("input", function (event) {
    if (!event.isTrusted) { return; }
    fill(event.target);
    lists().forEach(function (list) {
      if (list.hasAttribute("data-pick-source") && event.target.name &&
          new RegExp(list.getAttribute("data-pick-source")).test(event.target.name)) {
        rebuild(list);
      }
    });
  });

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("input[name]"), attach);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
