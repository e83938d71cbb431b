// Start GOV.UK Frontend and MOJ Frontend components (loaded as classic bundles, no inline script).
window.GOVUKFrontend.initAll();
window.MOJFrontend.initAll();

// The child's record's sections (children/_tabs.html): closed on small screens, so the page starts
// on the first screen; always open from the tablet breakpoint (40.0625em, GOV.UK's) up.
(function () {
  var narrow = window.matchMedia('(max-width: 40.0525em)');
  function fit() {
    var sections = document.querySelectorAll('details.hw-sections');
    for (var i = 0; i < sections.length; i++) { sections[i].open = !narrow.matches; }
  }
  fit();
  if (narrow.addEventListener) { narrow.addEventListener('change', fit); }
})();
