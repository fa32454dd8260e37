// django-prose-editor 0.28 hard-codes its toolbar titles and menu labels in English (only its
// dialogs go through gettext): translate them in place for Vietnamese editors.
(function () {
  "use strict";
  const vi = {
    "bold": "In đậm", "italic": "In nghiêng", "underline": "Gạch chân", "strike": "Gạch ngang",
    "subscript": "Chỉ số dưới", "superscript": "Chỉ số trên", "Code": "Mã", "Code block": "Khối mã",
    "blockquote": "Trích dẫn", "horizontal rule": "Đường kẻ ngang", "figure": "Ảnh có chú thích",
    "insert link": "Chèn liên kết", "remove link": "Bỏ liên kết", "ordered list": "Danh sách số",
    "unordered list": "Danh sách chấm", "paragraph": "Đoạn văn", "Paragraph": "Đoạn văn",
    "undo": "Hoàn tác", "redo": "Làm lại", "edit HTML": "Sửa HTML", "Insert table": "Chèn bảng",
    "Add column": "Thêm cột", "Add row": "Thêm hàng", "Delete column": "Xóa cột",
    "Delete row": "Xóa hàng", "Delete table": "Xóa bảng", "Merge cells": "Gộp ô",
    "Split cell": "Tách ô", "Toggle header cell": "Bật/tắt ô tiêu đề", "Delete": "Xóa",
    "Heading 2": "Tiêu đề 2", "Heading 3": "Tiêu đề 3", "Heading 4": "Tiêu đề 4",
    "Reset all classes": "Bỏ mọi định dạng", "title": "tiêu đề", "HTML": "HTML", "Styles": "Kiểu",
  };
  function translate(root) {
    root.querySelectorAll(".prose-menubar [title], .prose-menubar option, .prose-menubar button")
      .forEach(function (element) {
        const title = element.getAttribute("title");
        if (title && vi[title]) element.setAttribute("title", vi[title]);
        const label = element.getAttribute("aria-label");
        if (label && vi[label]) element.setAttribute("aria-label", vi[label]);
        // Icon buttons draw their icon from a ligature word ("undo"): never rename those.
        const isIcon = element.closest(".material-icons, [class*='material']") !== null;
        if (!isIcon && element.children.length === 0 && vi[element.textContent.trim()]) {
          element.textContent = vi[element.textContent.trim()];
        }
      });
  }
  new MutationObserver(function () { translate(document); })
    .observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", function () { translate(document); });
})();
