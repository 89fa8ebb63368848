// Panels marked data-open-wide (a document's outline, its related files) are open beside the
// text on a wide screen and folded to one line on a phone, so the text comes first.
if (window.matchMedia("(min-width: 861px)").matches) {
  document.querySelectorAll("details[data-open-wide]").forEach(function (panel) {
    panel.open = true;
  });
}
