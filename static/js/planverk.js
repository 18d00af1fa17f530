// Planverk's own script, a static file so that the Content-Security-Policy can
// refuse every inline script (templates carry no hx-on or on* attributes).

// An editing form answers 409 (someone saved first) or 422 (invalid input)
// with the fragment to show in its place; htmx swaps only 2xx by default.
document.addEventListener("htmx:beforeSwap", function (event) {
  var status = event.detail.xhr.status;
  if ((status === 409 || status === 422) && event.target.closest(".edit-area")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
