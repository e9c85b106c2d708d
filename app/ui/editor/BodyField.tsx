/**
 * The body field of the post form. On the server and before JavaScript runs
 * it is a plain Markdown <textarea name="body">; once the page runs in the
 * browser it loads the rich-text editor (a separate chunk, only on the pages
 * that use this field) and shows that instead, posting the same field.
 */
import { lazy, Suspense, useEffect, useId, useRef, useState } from "react";
import { loadAllMessages, useT, type MessageKey, type Vars } from "~/i18n";
import { TextArea } from "~/ui/components";

const MarkdownEditor = lazy(() => import("./MarkdownEditor"));

export function BodyField({
  name,
  label,
  description,
  editorDescription,
  error,
  errorVars,
  defaultValue = "",
  maxLength,
}: {
  name: string;
  label: string;
  /** For the textarea: how to write Markdown. */
  description: string;
  /** For the editor: how to use the buttons. */
  editorDescription: string;
  error?: MessageKey;
  errorVars?: Vars;
  defaultValue?: string;
  maxLength?: number;
}) {
  const t = useT();
  const uid = useId();
  const id = `field-${name}`;
  const [editing, setEditing] = useState(false);
  // What the textarea holds, so nothing typed before the editor loads is lost.
  const latest = useRef(defaultValue);

  useEffect(() => {
    const textarea = document.getElementById(id);
    if (textarea instanceof HTMLTextAreaElement) latest.current = textarea.value;
    // The editor's own texts (its toolbar) were not on the server-rendered page: fetch them alongside it.
    void loadAllMessages();
    setEditing(true);
  }, [id]);

  const textarea = (
    <TextArea
      name={name}
      label={label}
      description={description}
      error={error}
      errorVars={errorVars}
      rows={18}
      maxLength={maxLength}
      defaultValue={latest.current}
      onChange={(event) => {
        latest.current = event.target.value;
      }}
    />
  );

  if (!editing) return textarea;

  const descriptionId = `${uid}-description`;
  const errorId = error ? `${uid}-error` : undefined;
  return (
    <Suspense fallback={textarea}>
      <div className={`utrecht-form-field utrecht-form-field--text${error ? " utrecht-form-field--invalid" : ""}`}>
        <div className="utrecht-form-field__label">
          <div
            className="utrecht-form-label"
            id={`${uid}-label`}
            onClick={() => document.getElementById(id)?.focus()}
          >
            {label}
          </div>
        </div>
        <div className="utrecht-form-field-description" id={descriptionId}>
          {editorDescription}
        </div>
        {error ? (
          <p className="utrecht-form-field-error-message" id={errorId}>
            {t(error, errorVars)}
          </p>
        ) : null}
        <div className="utrecht-form-field__input">
          <MarkdownEditor
            name={name}
            id={id}
            label={label}
            describedBy={[errorId, descriptionId].filter(Boolean).join(" ")}
            invalid={!!error}
            initialMarkdown={() => latest.current}
            onChange={(markdown) => {
              latest.current = markdown;
            }}
          />
        </div>
      </div>
    </Suspense>
  );
}
