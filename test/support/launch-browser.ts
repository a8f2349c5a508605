// The browser helper lives in scripts/support/ (scripts import nothing from test/, and the
// dashboard's screenshot script needs it); tests keep importing it from here.
export { findChromium, launchBrowser } from "../../scripts/support/launch-browser.js";
