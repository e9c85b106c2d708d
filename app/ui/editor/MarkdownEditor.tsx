/**
 * The rich-text editor for posts: Tiptap 3 with the official Markdown
 * extension. Loaded lazily in the browser only (see BodyField.tsx); the
 * Markdown goes into a hidden field, so the surrounding form posts the same
 * `body` as the plain textarea does without JavaScript.
 */
import { Markdown } from "@tiptap/markdown";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { isAllowedHref } from "~/domain/posts/links";
import { useT, type MessageKey } from "~/i18n";

export type MarkdownEditorProps = {
  /** Name of the hidden field the Markdown is posted in. */
  name: string;
  /** The id of the editable area (error summaries link to it). */
  id: string;
  /** Its accessible name. */
  label: string;
  /** Ids of the description and error message. */
  describedBy?: string;
  invalid?: boolean;
  /** The Markdown to start with (read once, when the editor is made). */
  initialMarkdown: () => string;
  onChange?: (markdown: string) => void;
};

type Tool = {
  key: string;
  label: MessageKey;
  className: string;
  active: (editor: Editor) => boolean;
  run: (editor: Editor) => void;
};

const TOOLS: Tool[] = [
  { key: "bold", label: "editor.bold", className: "vl-editor__tool--bold", active: (e) => e.isActive("bold"), run: (e) => e.chain().focus().toggleBold().run() },
  { key: "italic", label: "editor.italic", className: "vl-editor__tool--italic", active: (e) => e.isActive("italic"), run: (e) => e.chain().focus().toggleItalic().run() },
  { key: "h2", label: "editor.heading2", className: "vl-editor__tool--heading", active: (e) => e.isActive("heading", { level: 2 }), run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run() },
  { key: "h3", label: "editor.heading3", className: "vl-editor__tool--heading", active: (e) => e.isActive("heading", { level: 3 }), run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run() },
  { key: "bullet", label: "editor.bulletList", className: "", active: (e) => e.isActive("bulletList"), run: (e) => e.chain().focus().toggleBulletList().run() },
  { key: "ordered", label: "editor.orderedList", className: "", active: (e) => e.isActive("orderedList"), run: (e) => e.chain().focus().toggleOrderedList().run() },
  { key: "quote", label: "editor.blockquote", className: "", active: (e) => e.isActive("blockquote"), run: (e) => e.chain().focus().toggleBlockquote().run() },
];

/** "gemeente.nl" becomes "https://gemeente.nl"; anything else is taken as typed. */
function normaliseHref(value: string): string {
  const href = value.trim();
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+(?:[/?#].*)?$/i.test(href)) return `https://${href}`;
  if (/^[^\s@/:]+@[^\s@/:]+\.[a-z]{2,}$/i.test(href)) return `mailto:${href}`;
  return href;
}

function currentMarkdown(editor: Editor): string {
  return editor.isEmpty ? "" : editor.getMarkdown();
}

export default function MarkdownEditor({ name, id, label, describedBy, invalid, initialMarkdown, onChange }: MarkdownEditorProps) {
  const t = useT();
  const [initial] = useState(initialMarkdown);
  const [markdown, setMarkdown] = useState(initial);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  const attributes = (): Record<string, string> => ({
    id,
    role: "textbox",
    "aria-multiline": "true",
    "aria-label": label,
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
    ...(invalid ? { "aria-invalid": "true" } : {}),
    class: "utrecht-textarea vl-editor__content vl-prose",
    spellcheck: "true",
  });

  const editor = useEditor({
    immediatelyRender: true,
    // The site's CSP allows no inline <style>; the editor's styles are in posts.css.
    injectCSS: false,
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3] },
        // No Markdown for underlining: leave it out so nothing is lost on saving.
        underline: false,
        link: {
          openOnClick: false,
          autolink: true,
          linkOnPaste: true,
          defaultProtocol: "https",
          isAllowedUri: (url) => isAllowedHref(url),
          HTMLAttributes: { rel: "noopener noreferrer nofollow", target: null, class: "utrecht-link" },
        },
      }),
      Markdown,
    ],
    content: initial,
    contentType: "markdown",
    editorProps: { attributes: attributes() },
    onUpdate: ({ editor }) => {
      const next = currentMarkdown(editor);
      setMarkdown(next);
      onChangeRef.current?.(next);
    },
  });

  // Error messages arrive after a refused save: keep the editable area's ARIA in step.
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    editor.setOptions({ editorProps: { attributes: attributes() } });
  }, [editor, describedBy, invalid, label]); // eslint-disable-line react-hooks/exhaustive-deps

  const state = useEditorState({
    editor,
    selector: ({ editor }) => {
      if (!editor) return null;
      const active: Record<string, boolean> = {};
      for (const tool of TOOLS) active[tool.key] = tool.active(editor);
      active.link = editor.isActive("link");
      return active;
    },
  });

  // The toolbar is one tab stop; arrow keys move between its buttons (WAI-ARIA toolbar pattern).
  const [focusIndex, setFocusIndex] = useState(0);
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const toolCount = TOOLS.length + 1;
  function onToolbarKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const moves: Record<string, number> = {
      ArrowRight: (focusIndex + 1) % toolCount,
      ArrowDown: (focusIndex + 1) % toolCount,
      ArrowLeft: (focusIndex - 1 + toolCount) % toolCount,
      ArrowUp: (focusIndex - 1 + toolCount) % toolCount,
      Home: 0,
      End: toolCount - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    setFocusIndex(next);
    buttons.current[next]?.focus();
  }

  const [linkOpen, setLinkOpen] = useState(false);
  const linkId = useId();
  const linkInput = useRef<HTMLInputElement>(null);
  const [linkValue, setLinkValue] = useState("");
  const [linkError, setLinkError] = useState(false);

  function openLink() {
    if (!editor) return;
    setLinkValue(String(editor.getAttributes("link").href ?? ""));
    setLinkError(false);
    setLinkOpen(true);
  }
  useEffect(() => {
    if (linkOpen) linkInput.current?.focus();
  }, [linkOpen]);

  function closeLink() {
    setLinkOpen(false);
    setLinkError(false);
    editor?.commands.focus();
  }
  function applyLink() {
    if (!editor) return;
    const href = normaliseHref(linkValue);
    if (!isAllowedHref(href)) {
      setLinkError(true);
      linkInput.current?.focus();
      return;
    }
    if (editor.state.selection.empty && !editor.isActive("link")) {
      editor
        .chain()
        .focus()
        .insertContent({ type: "text", text: href.replace(/^mailto:/i, ""), marks: [{ type: "link", attrs: { href } }] })
        .run();
    } else {
      editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
    }
    setLinkOpen(false);
    setLinkError(false);
  }
  function removeLink() {
    editor?.chain().focus().extendMarkRange("link").unsetLink().run();
    setLinkOpen(false);
  }

  const toolButton = (index: number, key: string, labelKey: MessageKey, className: string, onClick: () => void) => (
    <button
      key={key}
      ref={(element) => {
        buttons.current[index] = element;
      }}
      type="button"
      className={`vl-editor__tool ${className}`}
      aria-pressed={state?.[key] ? "true" : "false"}
      tabIndex={index === focusIndex ? 0 : -1}
      onFocus={() => setFocusIndex(index)}
      // Keep the text selection when the mouse goes down on a button.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
      disabled={!editor}
    >
      {t(labelKey)}
    </button>
  );

  return (
    <div className="vl-editor">
      <div role="toolbar" aria-label={t("editor.toolbar")} aria-controls={id} className="vl-editor__toolbar" onKeyDown={onToolbarKeyDown}>
        {TOOLS.map((tool, index) => toolButton(index, tool.key, tool.label, tool.className, () => editor && tool.run(editor)))}
        {toolButton(TOOLS.length, "link", "editor.link", "vl-editor__tool--link", openLink)}
      </div>
      {linkOpen ? (
        <div className="vl-editor__link">
          <label id={`${linkId}-label`} htmlFor={`${linkId}-input`} className="utrecht-form-label">
            {t("editor.linkUrl")}
          </label>
          <p id={`${linkId}-description`} className="utrecht-form-field-description">
            {t("editor.linkUrlDescription")}
          </p>
          {linkError ? (
            <p id={`${linkId}-error`} className="utrecht-form-field-error-message" role="alert">
              {t("editor.linkInvalid")}
            </p>
          ) : null}
          <input
            ref={linkInput}
            id={`${linkId}-input`}
            type="url"
            inputMode="url"
            autoComplete="url"
            className={`utrecht-textbox utrecht-textbox--html-input${linkError ? " utrecht-textbox--invalid" : ""}`}
            value={linkValue}
            aria-invalid={linkError || undefined}
            aria-describedby={`${linkError ? `${linkId}-error ` : ""}${linkId}-description`}
            onChange={(event) => setLinkValue(event.target.value)}
            onKeyDown={(event) => {
              // Enter must not submit the post form around the editor.
              if (event.key === "Enter") {
                event.preventDefault();
                applyLink();
              } else if (event.key === "Escape") {
                event.preventDefault();
                closeLink();
              }
            }}
          />
          <div className="vl-button-group">
            <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={applyLink}>
              {t("editor.linkApply")}
            </button>
            {state?.link ? (
              <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={removeLink}>
                {t("editor.linkRemove")}
              </button>
            ) : null}
            <button type="button" className="utrecht-button utrecht-button--subtle" onClick={closeLink}>
              {t("editor.linkCancel")}
            </button>
          </div>
        </div>
      ) : null}
      <EditorContent editor={editor} className="vl-editor__frame" />
      <input type="hidden" name={name} value={markdown} />
    </div>
  );
}
