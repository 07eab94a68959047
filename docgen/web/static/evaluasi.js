/* Evaluation forms: the scored card's result as capaian are typed, and the questionnaire
   grid (keys 1-4 choose and move on; a count of unanswered questions). The weights and
   categories come from the page (the same regulation data the server computes with);
   the server shows the same result after saving, so nothing depends on this file. */
(function () {
  "use strict";
  if (window.docgenEvaluasi) { return; }  // the script may be included more than once
  window.docgenEvaluasi = true;

  var DIGITS = 8;  // capaian are read exactly to 8 decimals (BigInt fixed point)
  var ONE = BigInt("1" + "0".repeat(DIGITS));

  /* "87,5" or "87.5" -> 8750000000n (scaled by 10^8); null if not a number 0-100. */
  function scaled(text) {
    var match = /^\s*(\d+)(?:[.,](\d*))?\s*$/.exec(text || "");
    if (!match) { return null; }
    var fraction = ((match[2] || "") + "0".repeat(DIGITS)).slice(0, DIGITS);
    var value = BigInt(match[1]) * ONE + BigInt(fraction);
    return value <= BigInt(100) * ONE ? value : null;
  }

  /* A sum in units of 10^-(DIGITS+2) rounded half up to hundredths, as "12,35". */
  function hundredths(units) {
    var step = ONE;  // 10^(DIGITS+2) / 100
    return (units + step / BigInt(2)) / step;
  }

  function decimalText(cents) {
    var text = cents.toString().padStart(3, "0");
    return text.slice(0, -2) + "," + text.slice(-2);
  }

  function scoredCard(box) {
    var data = JSON.parse(box.querySelector("[data-scored-card-data]").textContent);
    var prefix = box.id;  // inputs are named <path>.<kode>; their ids f-<path>-<kode>
    function compute() {
      var total = BigInt(0), empty = 0, subtotals = {};
      data.nilai.forEach(function (nilai) {
        var sum = BigInt(0);
        nilai.indikator.forEach(function (ind) {
          ind.sub.forEach(function (sub) {
            var input = document.getElementById(prefix + "-" + sub.kode);
            var value = input ? scaled(input.value) : null;
            if (value === null) { empty += 1; return; }
            sum += BigInt(sub.bobot) * value;
          });
        });
        subtotals[nilai.nama] = sum;
        total += sum;
      });
      return {subtotals: subtotals, total: hundredths(total), empty: empty};
    }
    function category(cents) {
      return data.kategori.find(function (k) {
        var minimum = scaled(k.minimum);
        return minimum !== null && cents * ONE >= minimum * BigInt(100);
      });
    }
    function show(selector, text) {
      document.querySelectorAll(selector).forEach(function (node) { node.textContent = text; });
    }
    function update() {
      var result = compute();
      Object.keys(result.subtotals).forEach(function (name) {
        var text = decimalText(hundredths(result.subtotals[name]));
        document.querySelectorAll("[data-sc-subtotal]").forEach(function (node) {
          if (node.getAttribute("data-sc-subtotal") === name) { node.textContent = text; }
        });
      });
      box.querySelectorAll("[data-sc-subtotal-row]").forEach(function (row) { row.hidden = false; });
      if (result.empty) {
        show("[data-sc-total]", "–");
        show("[data-sc-kategori]", "–");
        show("[data-sc-gelar]", "–");
        show("[data-sc-status]", result.empty + " capaian belum diisi; skor di bawah hanya dari " +
             "capaian yang sudah diisi. Jumlah, kategori dan Gelar muncul setelah semua terisi.");
        return;
      }
      var found = category(result.total);
      var allowed = found && data.gelar.indexOf(found.kode) >= 0;
      show("[data-sc-total]", decimalText(result.total));
      show("[data-sc-kategori]", found ? found.kode + " (" + found.sebutan + ")" : "–");
      show("[data-sc-gelar]", allowed ? "Boleh mengikuti" : "Belum boleh mengikuti");
      show("[data-sc-status]", "Semua capaian terisi.");
    }
    box.addEventListener("input", update);
    update();
  }

  function grid(box) {
    var questions = box.querySelectorAll("[data-kg-q]");
    var counter = box.querySelector("[data-kg-count]");
    function count() {
      var open = [];
      questions.forEach(function (q, index) {
        var answered = q.querySelector("input[type=radio]:checked");
        if (answered) { q.classList.remove("kg-missing"); } else { open.push(index + 1); }
      });
      if (counter) {
        counter.textContent = open.length ? open.length + " pertanyaan belum dijawab" :
          "semua pertanyaan terjawab";
      }
    }
    box.addEventListener("change", count);
    box.addEventListener("keydown", function (event) {
      var radio = event.target;
      if (!radio.matches || !radio.matches("input[type=radio]") || !/^[1-4]$/.test(event.key)) {
        return;
      }
      var q = radio.closest("[data-kg-q]");
      var choice = q.querySelector("input[type=radio][value='" + event.key + "']");
      if (!choice) { return; }
      event.preventDefault();
      choice.checked = true;
      choice.dispatchEvent(new Event("change", {bubbles: true}));
      var list = Array.prototype.slice.call(questions);
      var next = list[list.indexOf(q) + 1];
      var target = next && (next.querySelector("input:checked") ||
                            next.querySelector("input[type=radio]"));
      (target || choice).focus();
    });
    count();
  }

  function setUp(root) {
    root.querySelectorAll("[data-scored-card]").forEach(scoredCard);
    root.querySelectorAll("[data-kuesioner-grid]").forEach(grid);
  }

  // a sheet chosen on the new page goes with whichever save button is pressed
  document.addEventListener("submit", function (event) {
    var box = event.target.querySelector && event.target.querySelector("[data-kg-unggah]");
    var file = box && box.querySelector("input[type=file]");
    if (file && file.files.length) {
      event.target.setAttribute("action", box.getAttribute("data-action"));
    }
  }, true);

  // respondent rows added by "Tambah baris" bring their own grid
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      change.addedNodes.forEach(function (node) {
        if (node.nodeType !== 1) { return; }
        if (node.matches("[data-kuesioner-grid]")) { grid(node); }
        node.querySelectorAll("[data-kuesioner-grid]").forEach(grid);
      });
    });
  }).observe(document.documentElement, {childList: true, subtree: true});

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  } else {
    setUp(document);
  }
})();
