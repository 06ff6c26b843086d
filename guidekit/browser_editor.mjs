// The editor of a snippet in a reader's page: CodeMirror 6 from npm (pinned in package.json),
// bundled by esbuild at build time into the site as runner/editor.mjs (guidekit/browser_runtime.py).
// docs/javascripts/runner.js imports it only when the reader presses Edit.
//
// editor(parent, {doc, label, run}) puts an editor holding ``doc`` into ``parent`` and returns
// {text(), reset(doc), focus()}. Ctrl+Enter (Cmd+Enter on macOS) calls ``run``. Tab indents
// (indentWithTab); Escape and then Tab moves the focus out of the editor, and Ctrl+M (Shift+Alt+M
// on macOS) makes Tab move the focus until pressed again, as CodeMirror does by default.
import { basicSetup } from "codemirror";
import { python } from "@codemirror/lang-python";
import { EditorView, keymap } from "@codemirror/view";
import { Prec } from "@codemirror/state";
import { indentWithTab } from "@codemirror/commands";
import { HighlightStyle, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { tags } from "@lezer/highlight";

// The colours of the page's own code blocks (mkdocs-material's variables), so the editor matches
// the palette, light or dark, with the same contrast.
const colour = (name) => `var(--md-code-hl-${name}-color)`;
const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword, tags.operatorKeyword,
          tags.modifier],
    color: colour("keyword") },
  { tag: [tags.string, tags.special(tags.string), tags.regexp], color: colour("string") },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: colour("number") },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: colour("comment"), fontStyle: "italic" },
  { tag: [tags.function(tags.variableName), tags.function(tags.definition(tags.variableName)),
          tags.function(tags.propertyName)], color: colour("function") },
  { tag: [tags.className, tags.definition(tags.className)], color: colour("name") },
  { tag: [tags.operator, tags.derefOperator], color: colour("operator") },
  { tag: [tags.punctuation, tags.bracket, tags.separator], color: colour("punctuation") },
  { tag: [tags.self, tags.standard(tags.variableName)], color: colour("constant") },
  { tag: tags.meta, color: colour("special") },
]);

const theme = EditorView.theme({
  "&": { backgroundColor: "var(--md-code-bg-color)", color: "var(--md-code-fg-color)", fontSize: ".85em" },
  "&.cm-focused": { outline: "2px solid var(--md-accent-fg-color)", outlineOffset: "1px" },
  ".cm-scroller": { fontFamily: "var(--md-code-font-family)", lineHeight: "1.5", maxHeight: "32em" },
  ".cm-content": { caretColor: "var(--md-code-fg-color)" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--md-code-fg-color)" },
  ".cm-gutters": { backgroundColor: "var(--md-code-bg-color)", color: "var(--md-default-fg-color--light)",
                   borderRight: "1px solid var(--md-default-fg-color--lightest)" },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "transparent" },
  "&.cm-focused .cm-activeLine": { boxShadow: "inset 3px 0 0 var(--md-accent-fg-color)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection":
    { backgroundColor: "var(--md-accent-fg-color--transparent)" },
});

export function editor(parent, { doc, label, run }) {
  const view = new EditorView({
    doc,
    parent,
    extensions: [
      Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => { run(); return true; } }])),
      basicSetup,
      keymap.of([indentWithTab]),
      python(),
      indentUnit.of("    "), // PEP 8's four spaces, as every snippet has
      syntaxHighlighting(highlight),
      theme,
      EditorView.lineWrapping, // a long line wraps, on a phone too, instead of scrolling sideways
      // tabindex: axe-core counts the scrolling box as keyboard-reachable only through a focusable
      // element with a tabindex inside it (the text area is one, being contenteditable, but unmarked).
      EditorView.contentAttributes.of({ "aria-label": label, tabindex: "0" }),
    ],
  });
  return {
    text: () => view.state.doc.toString(),
    reset: (original) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: original } }),
    focus: () => view.focus(),
  };
}
