// The list pages, a little quicker with a script; everything works without it:
// - the header's box ticks every row of the page, and the action bar says how many are ticked;
// - a filter applies as soon as it changes (the Apply button stays for the search box);
// - the page size applies as soon as it is chosen.
(function () {
  "use strict";

  function boxes(form) {
    return Array.prototype.slice.call(form.querySelectorAll('input[name="_selected"]'));
  }

  function update(form) {
    var all = boxes(form);
    var ticked = all.filter(function (box) { return box.checked; }).length;
    var head = form.querySelector("[data-sa-select-all]");
    if (head) {
      head.checked = all.length > 0 && ticked === all.length;
      head.indeterminate = ticked > 0 && ticked < all.length;
    }
    var count = form.querySelector("[data-sa-selected-count]");
    if (count) {
      count.textContent = count.dataset.template.replace("%(count)s", String(ticked));
      count.hidden = ticked === 0;
    }
  }

  function start() {
    document.querySelectorAll(".actions-form").forEach(function (form) {
      var head = form.querySelector("[data-sa-select-all]");
      if (head) {
        head.hidden = false;
        head.addEventListener("change", function () {
          boxes(form).forEach(function (box) { box.checked = head.checked; });
          update(form);
        });
      }
      form.addEventListener("change", function (event) {
        if (event.target.name === "_selected") update(form);
      });
      update(form);
    });
    document.querySelectorAll("[data-sa-apply-on-change]").forEach(function (form) {
      form.addEventListener("change", function (event) {
        var field = event.target;
        if (field.type === "search" || field.type === "text") return; // typed: Enter applies
        if (field.type === "date" && field.value && !field.checkValidity()) return;
        form.requestSubmit ? form.requestSubmit() : form.submit();
      });
    });
    document.querySelectorAll("[data-sa-autosubmit]").forEach(function (form) {
      var name = form.dataset.saAutosubmit;
      form.addEventListener("change", function (event) {
        if (event.target.name !== name) return;
        var page = form.querySelector('input[name="p"]');
        if (page) page.value = "1"; // a new page size starts on the first page
        form.requestSubmit ? form.requestSubmit() : form.submit();
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
