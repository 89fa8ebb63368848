// Print views: links marked data-print open the print dialog; a page whose script tag carries
// data-autoprint prints itself on load unless its address ends in #noprint.
(function () {
  var script = document.currentScript;
  if (script && script.hasAttribute("data-autoprint")) {
    window.addEventListener("load", function () { if (location.hash !== "#noprint") window.print(); });
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-print]");
    if (link) { event.preventDefault(); window.print(); }
  });
})();
