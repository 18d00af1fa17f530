// The editing pages' enhancements; each page works without them.
//
// * A measure's units ([data-unit-picker], edit/_units.html): a filter field
//   that hides the units whose names do not match (the chosen stay in sight).
// * Confirming suggested levels ([data-select-all], edit/confirm.html): one
//   checkbox that ticks or clears every row.
//
// Forms arrive later too, swapped in by htmx: each is set up once, on load and
// on every htmx:load.
(function () {
  "use strict";

  // Case and accents aside: "oppvekst" finds "Oppvekst", "ukis" finds "ūkis".
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function setUpPicker(picker) {
    var filter = picker.querySelector("[data-filter]");
    var input = filter && filter.querySelector("input");
    var status = filter && filter.querySelector("[data-filter-status]");
    if (!input || !status) return;
    var options = Array.prototype.slice.call(
      picker.querySelectorAll("[data-option]")
    );
    var names = options.map(function (option) {
      return fold(option.textContent);
    });
    filter.hidden = false;
    input.addEventListener("input", function () {
      var wanted = fold(input.value.trim());
      var shown = 0;
      options.forEach(function (option, i) {
        var box = option.querySelector("input");
        var match = !wanted || names[i].indexOf(wanted) !== -1 || (box && box.checked);
        option.hidden = !match;
        if (match) shown += 1;
      });
      status.textContent = wanted
        ? status.dataset.message
            .replace("{shown}", String(shown))
            .replace("{total}", String(options.length))
        : "";
    });
    // Enter in the filter would send the whole form.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
  }

  function setUpSelectAll(all) {
    var form = all.form;
    if (!form) return;
    var rows = Array.prototype.slice.call(
      form.querySelectorAll('input[type="checkbox"][name="chosen"]')
    );
    function show() {
      var ticked = rows.filter(function (row) {
        return row.checked;
      }).length;
      all.checked = ticked > 0 && ticked === rows.length;
      all.indeterminate = ticked > 0 && ticked < rows.length;
    }
    var wrapper = all.closest("[hidden]");
    if (wrapper) wrapper.hidden = false;
    all.addEventListener("change", function () {
      rows.forEach(function (row) {
        row.checked = all.checked;
      });
      show();
    });
    rows.forEach(function (row) {
      row.addEventListener("change", show);
    });
    show();
  }

  function setUp(root) {
    root.querySelectorAll("[data-unit-picker]").forEach(function (picker) {
      if (picker.dataset.ready) return;
      picker.dataset.ready = "true";
      setUpPicker(picker);
    });
    root.querySelectorAll("input[data-select-all]").forEach(function (all) {
      if (all.dataset.ready) return;
      all.dataset.ready = "true";
      setUpSelectAll(all);
    });
  }

  setUp(document);
  document.addEventListener("htmx:load", function (event) {
    setUp(event.target);
  });
})();
