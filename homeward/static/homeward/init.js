// Start GOV.UK Frontend and MOJ Frontend components (loaded as classic bundles, no inline script).
window.GOVUKFrontend.initAll();
window.MOJFrontend.initAll();
