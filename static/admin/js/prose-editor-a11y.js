// The body editor (django-prose-editor's Tiptap) replaces its textarea with a contenteditable
// box that has no name of its own: name it by the field's label, say it holds Vietnamese text
// and let the browser check its spelling. Only the editor's attributes change, through Tiptap's
// own setOptions; clicking the label puts the cursor in the editor, as for any other field.
(function () {
  "use strict";
  document.addEventListener("prose-editor:ready", function (event) {
    const editor = event.detail.editor;
    const textarea = event.detail.textarea;
    const label = textarea.id ? document.querySelector('label[for="' + textarea.id + '"]') : null;
    const attributes = { "aria-multiline": "true", lang: "vi", spellcheck: "true" };
    if (label) {
      label.id = label.id || textarea.id + "-label";
      attributes["aria-labelledby"] = label.id;
      label.addEventListener("click", function () { editor.commands.focus(); });
    }
    editor.setOptions({ editorProps: { ...editor.options.editorProps, attributes: attributes } });
  });
})();
