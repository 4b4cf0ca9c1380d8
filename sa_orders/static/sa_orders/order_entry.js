// The order form's lines, quicker with a script; without it the form works as it does:
// - "Add a line" adds an empty row (up to the most lines an order may have), and a new
//   row's "Remove" takes it away again (an existing line has its Remove box);
// - the subtotal, discount and total are shown as they are typed, at the prices shown:
//   an existing line's price paid, a new line's item's current price (from the
//   suggestions). The server computes the order's total when it is saved.
(function () {
  "use strict";

  function cents(text) { // "12.50" -> 1250; NaN for what is no amount
    var match = /^\s*(\d+)(?:[.,](\d{1,2}))?\s*$/.exec(text || "");
    if (!match) return NaN;
    return Number(match[1]) * 100 + Number(((match[2] || "") + "00").slice(0, 2));
  }

  function money(amount) {
    var lang = document.documentElement.lang || undefined;
    return new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
      .format(amount / 100);
  }

  function start(fieldset) {
    var form = fieldset.closest("form");
    var prefix = fieldset.dataset.prefix;
    var max = Number(fieldset.dataset.max) || Infinity;
    var body = fieldset.querySelector("tbody");
    var total = form.querySelector('[name="' + prefix + '-TOTAL_FORMS"]');
    var template = fieldset.querySelector("template[data-sa-line-template]");
    var add = fieldset.querySelector("[data-sa-add-line]");
    var discount = form.querySelector('[name="discount_amount"]');
    var prices = {}; // typed key (lower case) -> price in cents, from the suggestions

    function rows() {
      return Array.prototype.slice.call(body.querySelectorAll("[data-sa-line]"));
    }
    function field(row, name) {
      return row.querySelector('[name$="-' + name + '"]');
    }
    function counted(row) {
      var remove = field(row, "DELETE");
      return !row.hidden && !(remove && remove.checked);
    }
    function price(row) {
      if (row.dataset.price !== undefined) return cents(row.dataset.price);
      var item = field(row, "item");
      var key = item ? item.value.trim().toLowerCase() : "";
      return key && prices[key] !== undefined ? prices[key] : NaN;
    }

    function recompute() {
      var subtotal = 0;
      rows().forEach(function (row) {
        var each = price(row);
        var quantity = Number((field(row, "quantity") || {}).value);
        var cell = row.querySelector("[data-sa-line-total]");
        var known = counted(row) && !isNaN(each) && quantity > 0 && Number.isInteger(quantity);
        if (row.classList.contains("line--new")) {
          var shown = row.querySelector("[data-sa-line-price]");
          if (!isNaN(each)) shown.textContent = money(each);
        }
        if (cell) cell.textContent = known ? money(each * quantity) : "";
        if (known) subtotal += each * quantity;
      });
      var off = discount ? cents(discount.value) : 0;
      if (isNaN(off)) off = 0;
      fieldset.querySelector("[data-sa-live-subtotal]").textContent = money(subtotal);
      fieldset.querySelector("[data-sa-live-discount]").textContent = money(off);
      fieldset.querySelector("[data-sa-live-total]").textContent = money(Math.max(subtotal - off, 0));
      if (add) add.disabled = rows().filter(counted).length >= max;
    }

    function learn(input) { // the price of the suggestion the input names, if any
      var list = document.getElementById(input.getAttribute("list"));
      var key = input.value.trim().toLowerCase();
      if (!list || !key) return false;
      var options = Array.prototype.slice.call(list.options);
      var chosen = options.filter(function (o) { return o.value.toLowerCase() === key; })[0];
      if (!chosen && options.length === 1 && options[0].dataset.price !== undefined) {
        chosen = options[0]; // a name that found one item
      }
      if (chosen && chosen.dataset.price !== undefined) {
        prices[key] = cents(chosen.dataset.price);
        return true;
      }
      return false;
    }

    function lookUp(input) { // a key typed without waiting for the suggestions
      var key = input.value.trim();
      if (key.length < 2 || prices[key.toLowerCase()] !== undefined) return;
      var url = input.dataset.autocompleteUrl + "?limit=2&q=" + encodeURIComponent(key);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          var exact = data.results.filter(function (r) {
            return r.value.toLowerCase() === key.toLowerCase();
          })[0];
          var found = exact || (data.results.length === 1 ? data.results[0] : null);
          if (found && found.price !== undefined) {
            prices[key.toLowerCase()] = cents(found.price);
            recompute();
          }
        })
        .catch(function () { /* no price: the line is left out of the estimate */ });
    }

    function addLine() {
      var index = Number(total.value);
      var number = body.querySelectorAll(".line--new").length + 1;
      var html = template.innerHTML.replace(/__prefix__/g, String(index))
        .replace(/__number__/g, String(number));
      body.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      var row = body.lastElementChild;
      reveal(row);
      field(row, "item").focus();
      recompute();
    }

    function reveal(scope) {
      scope.querySelectorAll("[data-sa-remove-line]").forEach(function (b) { b.hidden = false; });
    }

    fieldset.addEventListener("click", function (event) {
      var button = event.target.closest("[data-sa-remove-line]");
      if (!button) return;
      var row = button.closest("[data-sa-line]");
      row.querySelectorAll("input").forEach(function (input) { input.value = ""; });
      row.hidden = true; // an empty new row is no line: the server leaves it out
      var next = rows().filter(counted).pop();
      (add && !add.disabled ? add : next && field(next, "quantity") || form).focus();
      recompute();
    });
    form.addEventListener("input", function (event) {
      if (event.target.name && event.target.name.slice(-5) === "-item") learn(event.target);
      recompute();
    });
    form.addEventListener("change", function (event) {
      var input = event.target;
      if (input.name && input.name.slice(-5) === "-item" && !learn(input)) lookUp(input);
      recompute();
    });
    form.addEventListener("sa:suggestions", function (event) {
      if (learn(event.target)) recompute();
    });
    if (add) {
      add.hidden = false;
      add.addEventListener("click", addLine);
    }
    reveal(body);
    fieldset.querySelectorAll("[data-sa-live], [data-sa-script]").forEach(function (e) { e.hidden = false; });
    fieldset.querySelectorAll("[data-sa-no-script]").forEach(function (e) { e.hidden = true; });
    // keys already typed (a form sent back with an error) get their prices
    rows().forEach(function (row) {
      var item = field(row, "item");
      if (item && item.type !== "hidden" && item.value) lookUp(item);
    });
    recompute();
  }

  function ready() {
    document.querySelectorAll("[data-sa-order-lines]").forEach(start);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
