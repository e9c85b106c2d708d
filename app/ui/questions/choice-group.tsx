/**
 * A group of radio buttons or checkboxes in a fieldset with a legend (the
 * NL Design System form fieldset), with an optional hint and an error
 * message that the fieldset points to. Plain HTML: works without JavaScript.
 */
import { useId, type ReactNode } from "react";
import { useT, type MessageKey, type Vars } from "~/i18n";

export type ChoiceOption = { value: string; label: ReactNode };

/** The id of the input for `value` in a group with id `groupId` (for error summary links). */
export function choiceInputId(groupId: string, value: string): string {
  return `${groupId}-${value}`;
}

export function ChoiceGroup({
  type,
  id,
  name,
  legend,
  hint,
  options,
  defaultValues = [],
  error,
  errorVars,
  className,
}: {
  type: "radio" | "checkbox";
  /** Prefix for the input ids: each input is `${id}-${value}`. */
  id: string;
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  options: ChoiceOption[];
  defaultValues?: readonly string[];
  error?: MessageKey;
  errorVars?: Vars;
  className?: string;
}) {
  const t = useT();
  const uid = useId();
  const hintId = hint ? `${uid}-hint` : undefined;
  const errorId = error ? `${uid}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  const inputClass =
    type === "radio"
      ? "utrecht-radio-button utrecht-radio-button--html-input"
      : "utrecht-checkbox utrecht-checkbox--html-input";
  return (
    <div
      className={[
        "utrecht-form-fieldset",
        "vl-choice-group",
        error ? "utrecht-form-fieldset--invalid vl-choice-group--invalid" : "",
        className ?? "",
      ].join(" ").trim()}
    >
      <fieldset className="utrecht-form-fieldset__fieldset utrecht-form-fieldset--html-fieldset" aria-describedby={describedBy}>
        <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend vl-choice-group__legend">
          {legend}
        </legend>
        {hint ? (
          <div className="utrecht-form-field-description vl-choice-group__hint" id={hintId}>
            {hint}
          </div>
        ) : null}
        {error ? (
          <p className="utrecht-form-field-error-message" id={errorId}>
            {t(error, errorVars)}
          </p>
        ) : null}
        <div className="vl-choice-group__options">
          {options.map((option) => {
            const inputId = choiceInputId(id, option.value);
            return (
              <div
                key={option.value}
                className={`utrecht-form-field utrecht-form-field--${type === "radio" ? "radio" : "checkbox"} vl-choice`}
              >
                <div className="utrecht-form-field__input">
                  <input
                    id={inputId}
                    type={type}
                    name={name}
                    value={option.value}
                    defaultChecked={defaultValues.includes(option.value)}
                    className={`${inputClass}${error ? (type === "radio" ? " utrecht-radio-button--invalid" : " utrecht-checkbox--invalid") : ""}`}
                  />
                </div>
                <div className={`utrecht-form-field__label utrecht-form-field__label--${type === "radio" ? "radio" : "checkbox"}`}>
                  <label
                    htmlFor={inputId}
                    className={`utrecht-form-label utrecht-form-label--${type === "radio" ? "radio" : "checkbox"}`}
                  >
                    {option.label}
                  </label>
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
