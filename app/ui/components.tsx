/**
 * Small components on the NL Design System (Utrecht) CSS. Plain HTML with the
 * design system's classes: no client JavaScript of their own.
 */
import { useEffect, useId, useRef, type ComponentProps, type ReactNode } from "react";
import { Link as RouterLink, type LinkProps } from "react-router";
import { useT, type MessageKey, type Vars } from "~/i18n";
import { AppLink, isPlainPath } from "./app-link";
import type { FieldErrors } from "~/lib/forms";

function cx(...names: Array<string | false | null | undefined>) {
  return names.filter(Boolean).join(" ");
}

type ButtonVariant = "primary" | "secondary" | "subtle" | "danger";

const BUTTON_CLASS: Record<ButtonVariant, string> = {
  primary: "utrecht-button--primary-action",
  secondary: "utrecht-button--secondary-action",
  subtle: "utrecht-button--subtle",
  danger: "utrecht-button--primary-action utrecht-button--danger",
};

export function Button({
  variant = "primary",
  className,
  type = "submit",
  ...props
}: ComponentProps<"button"> & { variant?: ButtonVariant }) {
  return (
    <button
      type={type}
      className={cx("utrecht-button", BUTTON_CLASS[variant], type === "submit" && "utrecht-button--submit", className)}
      {...props}
    />
  );
}

/** React Router's `<Link>` only where a link needs it (see app/ui/app-link.tsx). */
function AnyLink(props: LinkProps) {
  const { to, reloadDocument, replace, state, preventScrollReset, relative, viewTransition, prefetch, discover, mask, defaultShouldRevalidate, ...rest } = props;
  const special = [replace, state, preventScrollReset, relative, viewTransition, prefetch, discover, mask, defaultShouldRevalidate].some((option) => option !== undefined);
  const plain = isPlainPath(to) && !reloadDocument && !special;
  return plain ? <AppLink to={to} {...(rest as Omit<ComponentProps<"a">, "href">)} /> : <RouterLink {...props} />;
}

export function Link({ className, ...props }: LinkProps) {
  return <AnyLink className={cx("utrecht-link utrecht-link--html-a", className)} {...props} />;
}

export function ButtonLink({
  variant = "primary",
  className,
  ...props
}: LinkProps & { variant?: Exclude<ButtonVariant, "danger"> }) {
  return (
    <AnyLink
      className={cx("utrecht-button-link utrecht-button-link--html-a", `utrecht-button-link--${variant === "primary" ? "primary-action" : variant === "secondary" ? "secondary-action" : "subtle"}`, className)}
      {...props}
    />
  );
}

export function Heading({
  level,
  className,
  ...props
}: ComponentProps<"h1"> & { level: 1 | 2 | 3 | 4 }) {
  const Tag = `h${level}` as const;
  return <Tag className={cx(`utrecht-heading-${level}`, className)} {...props} />;
}

export function Paragraph({ lead, className, ...props }: ComponentProps<"p"> & { lead?: boolean }) {
  return <p className={cx("utrecht-paragraph", lead && "utrecht-paragraph--lead", className)} {...props} />;
}

export function Alert({
  type = "info",
  children,
  live = false,
}: {
  type?: "info" | "ok" | "warning" | "error";
  children: ReactNode;
  /** Announce to screen readers when it appears. */
  live?: boolean;
}) {
  return (
    <div
      className={cx("utrecht-alert", `utrecht-alert--${type}`, "vl-alert")}
      role={live ? (type === "error" ? "alert" : "status") : undefined}
    >
      <div className="utrecht-alert__content">
        <div className="utrecht-alert__message">{children}</div>
      </div>
    </div>
  );
}

/**
 * The list of problems at the top of a form (the GOV.UK pattern): announced,
 * focused after a client-side submit, each item linking to its field.
 */
export function ErrorSummary({
  errors,
  labels,
  vars,
  fieldIds,
}: {
  errors?: FieldErrors;
  labels?: Record<string, string>;
  vars?: Vars;
  /** Where a field's id is not `field-<name>`. */
  fieldIds?: Record<string, string>;
}) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = `${useId()}-errors`;
  const entries = Object.entries(errors ?? {}).filter((entry): entry is [string, MessageKey] => !!entry[1]);
  useEffect(() => {
    if (entries.length > 0) ref.current?.focus();
  }, [errors]); // eslint-disable-line react-hooks/exhaustive-deps
  if (entries.length === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} role="alert" aria-labelledby={titleId} className="vl-error-summary">
      <h2 id={titleId} className="utrecht-heading-2 vl-error-summary__title">
        {t("form.errorSummaryTitle")}
      </h2>
      <ul className="utrecht-unordered-list">
        {entries.map(([field, key]) => (
          <li key={field} className="utrecht-unordered-list__item">
            {field === "form" ? (
              t(key, vars)
            ) : (
              <a className="utrecht-link" href={`#${fieldIds?.[field] ?? `field-${field}`}`}>
                {labels?.[field] ? `${labels[field]}: ` : ""}
                {t(key, vars)}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

type FieldProps = {
  name: string;
  label: string;
  description?: ReactNode;
  error?: MessageKey;
  errorVars?: Vars;
  required?: boolean;
  optional?: boolean;
};

function useFieldIds(name: string, description: unknown, error: unknown, id?: string) {
  const uid = useId();
  const descriptionId = description ? `${uid}-description` : undefined;
  const errorId = error ? `${uid}-error` : undefined;
  return {
    inputId: id ?? `field-${name}`,
    descriptionId,
    errorId,
    describedBy: [errorId, descriptionId].filter(Boolean).join(" ") || undefined,
  };
}

function FieldLabel({ htmlFor, label, optional }: { htmlFor: string; label: string; optional?: boolean }) {
  const t = useT();
  return (
    <label className="utrecht-form-label" htmlFor={htmlFor}>
      {label}
      {optional ? <span className="vl-optional"> ({t("form.optional")})</span> : null}
    </label>
  );
}

function FieldMessages({
  description,
  descriptionId,
  error,
  errorId,
  errorVars,
}: {
  description?: ReactNode;
  descriptionId?: string;
  error?: MessageKey;
  errorId?: string;
  errorVars?: Vars;
}) {
  const t = useT();
  return (
    <>
      {description ? (
        <div className="utrecht-form-field-description" id={descriptionId}>
          {description}
        </div>
      ) : null}
      {error ? (
        <p className="utrecht-form-field-error-message" id={errorId}>
          {t(error, errorVars)}
        </p>
      ) : null}
    </>
  );
}

export function TextField({
  name,
  label,
  description,
  error,
  errorVars,
  required,
  optional,
  type = "text",
  className,
  id,
  ...input
}: FieldProps & Omit<ComponentProps<"input">, "name">) {
  const ids = useFieldIds(name, description, error, id);
  return (
    <div className={cx("utrecht-form-field", "utrecht-form-field--text", error && "utrecht-form-field--invalid", className)}>
      <div className="utrecht-form-field__label">
        <FieldLabel htmlFor={ids.inputId} label={label} optional={optional} />
      </div>
      <FieldMessages description={description} descriptionId={ids.descriptionId} error={error} errorId={ids.errorId} errorVars={errorVars} />
      <div className="utrecht-form-field__input">
        <input
          id={ids.inputId}
          name={name}
          type={type}
          required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={ids.describedBy}
          className={cx("utrecht-textbox utrecht-textbox--html-input", error && "utrecht-textbox--invalid", type === "password" && "utrecht-textbox--password")}
          {...input}
        />
      </div>
    </div>
  );
}

export function TextArea({
  name,
  label,
  description,
  error,
  errorVars,
  required,
  optional,
  id,
  ...textarea
}: FieldProps & Omit<ComponentProps<"textarea">, "name">) {
  const ids = useFieldIds(name, description, error, id);
  return (
    <div className={cx("utrecht-form-field", "utrecht-form-field--text", error && "utrecht-form-field--invalid")}>
      <div className="utrecht-form-field__label">
        <FieldLabel htmlFor={ids.inputId} label={label} optional={optional} />
      </div>
      <FieldMessages description={description} descriptionId={ids.descriptionId} error={error} errorId={ids.errorId} errorVars={errorVars} />
      <div className="utrecht-form-field__input">
        <textarea
          id={ids.inputId}
          name={name}
          required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={ids.describedBy}
          className={cx("utrecht-textarea utrecht-textarea--html-textarea", error && "utrecht-textarea--invalid")}
          {...textarea}
        />
      </div>
    </div>
  );
}

export function Checkbox({
  name,
  label,
  description,
  error,
  errorVars,
  required,
  id,
  ...input
}: FieldProps & Omit<ComponentProps<"input">, "name" | "type">) {
  const ids = useFieldIds(name, description, error, id);
  return (
    <div className={cx("utrecht-form-field", "utrecht-form-field--checkbox", error && "utrecht-form-field--invalid")}>
      <div className="utrecht-form-field__input">
        <input
          id={ids.inputId}
          name={name}
          type="checkbox"
          required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={ids.describedBy}
          className={cx("utrecht-checkbox utrecht-checkbox--html-input", error && "utrecht-checkbox--invalid")}
          {...input}
        />
      </div>
      <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
        <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={ids.inputId}>
          {label}
        </label>
      </div>
      <FieldMessages description={description} descriptionId={ids.descriptionId} error={error} errorId={ids.errorId} errorVars={errorVars} />
    </div>
  );
}

export function SelectField({
  name,
  label,
  description,
  error,
  errorVars,
  optional,
  options,
  id,
  ...select
}: FieldProps & Omit<ComponentProps<"select">, "name"> & { options: Array<{ value: string; label: string }> }) {
  const ids = useFieldIds(name, description, error, id);
  const inputId = ids.inputId;
  return (
    <div className={cx("utrecht-form-field", error && "utrecht-form-field--invalid")}>
      <div className="utrecht-form-field__label">
        <FieldLabel htmlFor={inputId} label={label} optional={optional} />
      </div>
      <FieldMessages description={description} descriptionId={ids.descriptionId} error={error} errorId={ids.errorId} errorVars={errorVars} />
      <div className="utrecht-form-field__input">
        <select
          id={inputId}
          name={name}
          aria-invalid={error ? true : undefined}
          aria-describedby={ids.describedBy}
          className={cx("utrecht-select utrecht-select--html-select", error && "utrecht-select--invalid")}
          {...select}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

export function ButtonGroup({ children }: { children: ReactNode }) {
  return <div className="utrecht-button-group vl-button-group">{children}</div>;
}

/** The document title: "Page | Veranderlab Veiligheid", with "Fout:" first when a form has errors. */
export function PageTitle({ title, hasErrors = false }: { title: string; hasErrors?: boolean }) {
  const t = useT();
  const text = `${hasErrors ? `${t("meta.errorPrefix")}: ` : ""}${title} | ${t("meta.siteName")}`;
  return <title>{text}</title>;
}

/** Markdown rendered on the server by markdown-it with raw HTML off. */
export function RichText({ html, className }: { html: string; className?: string }) {
  return <div className={cx("utrecht-rich-text vl-prose", className)} dangerouslySetInnerHTML={{ __html: html }} />;
}

/**
 * Previous/next page links. `hrefFor(n)` builds the address of page n (keep
 * the other query parameters there).
 */
export function Pagination({
  page,
  hasNext,
  hrefFor,
  label,
}: {
  page: number;
  hasNext: boolean;
  hrefFor: (page: number) => string;
  /** Needed when a page has more than one (navigation landmarks need distinct names). */
  label?: string;
}) {
  const t = useT();
  if (page <= 1 && !hasNext) return null;
  return (
    <nav aria-label={label ?? t("pagination.label")} className="vl-pagination">
      {page > 1 ? <Link to={hrefFor(page - 1)}>{t("pagination.previous")}</Link> : null}
      <span>{t("pagination.status", { page })}</span>
      {hasNext ? <Link to={hrefFor(page + 1)}>{t("pagination.next")}</Link> : null}
    </nav>
  );
}

/** A small label, e.g. a phase or a status. */
export function Badge({ children, tone = "neutral" }: { children: ReactNode; tone?: "neutral" | "info" | "ok" | "warning" }) {
  return <span className={cx("vl-badge", `vl-badge--${tone}`)}>{children}</span>;
}

/** On the demo without a mail server: where to read the mail with the code. */
export function MailPreviewHint() {
  const t = useT();
  return (
    <Alert type="info">
      {t("verify.previewHint")} <Link to="/mail">{t("nav.mail")}</Link>.
    </Alert>
  );
}
