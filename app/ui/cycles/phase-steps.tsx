import { useT } from "~/i18n";
import { PHASES, type Phase } from "~/domain/cycles/phases";

/** The five phases in order, the current one marked (also for screen readers). */
export function PhaseSteps({ phase }: { phase: Phase }) {
  const t = useT();
  const current = PHASES.indexOf(phase);
  return (
    <ol className="vl-phase-steps" aria-label={t("cycle.phasesTitle")}>
      {PHASES.map((p, index) => (
        <li
          key={p}
          className={index < current ? "vl-phase-steps__done" : index === current ? "vl-phase-steps__current" : undefined}
          aria-current={index === current ? "step" : undefined}
        >
          {t(`phase.${p}`)}
          {index === current ? <span className="vl-visually-hidden"> ({t("cycle.currentPhase")})</span> : null}
        </li>
      ))}
    </ol>
  );
}
