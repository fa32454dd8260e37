// Share bar of an article (includes/share.html). Without this script each control is a plain
// link: "Chép liên kết" is the article's own address. With it, that link copies the address
// and says so, and the print button (hidden until now) opens the browser's print dialog.
// A static file from the site itself: allowed by the CSP's script-src 'self', no nonce
// needed, so pages that load it can still be served from the page cache.
"use strict";

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
