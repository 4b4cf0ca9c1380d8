// Suggestions for lookup fields: fills an input's <datalist> from its autocomplete URL.
// Without this script the fields still work: the user types the key (an email, a SKU, #12).
(function () {
  "use strict";
  var timers = new WeakMap();

  function fill(input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list || input.value.trim().length < 2) return;
    var url = input.dataset.autocompleteUrl + "?q=" + encodeURIComponent(input.value.trim());
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) {
        var options = data.results.map(function (result) {
          var option = document.createElement("option");
          option.value = result.value;
          option.label = result.label;
          option.textContent = result.label;
          if (result.price !== undefined) option.dataset.price = result.price;
          return option;
        });
        list.replaceChildren.apply(list, options);
        input.dispatchEvent(new CustomEvent("sa:suggestions", { bubbles: true }));
      })
      .catch(function () { /* no suggestions: typing the key still works */ });
  }

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.dataset.autocompleteUrl) return;
    clearTimeout(timers.get(input));
    timers.set(input, setTimeout(function () { fill(input); }, 200));
  });
})();
