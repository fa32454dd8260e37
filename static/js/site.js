// The public site's one script; every page works without it. A static file from the site
// itself: the CSP's script-src 'self' allows it without a nonce, so pages that load it can
// still be served from the page cache (a nonce would differ on every response).
"use strict";

// On a phone the navigation is one row that scrolls sideways: bring the current section
// into view (scrolling the row only, never the page).
const current = document.querySelector(".site-nav [aria-current]");
if (current) {
  const row = current.closest("ul");
  const item = current.closest("li");
  if (item.offsetLeft + item.offsetWidth > row.clientWidth) {
    row.scrollLeft = item.offsetLeft - (row.clientWidth - item.offsetWidth) / 2;
  }
}

// Share bar of an article (includes/share.html). Without script "Chép liên kết" is a link to
// the article's own address; with it, a click copies that address and says so. The print
// button stays hidden without script (the browser's own Print uses css/print.css).
document.querySelectorAll(".share [data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});

document.querySelectorAll(".share [data-copy]").forEach((link) => {
  if (!navigator.clipboard) {
    return;
  }
  link.addEventListener("click", (event) => {
    event.preventDefault();
    const status = link.closest(".share").querySelector("[data-copy-status]");
    navigator.clipboard.writeText(link.href).then(
      () => { status.textContent = link.dataset.copied; },
      () => { status.textContent = link.dataset.failed; },
    );
  });
});
