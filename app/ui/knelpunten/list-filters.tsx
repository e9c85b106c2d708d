/**
 * The filter form (a GET form: works without JavaScript) and the switch
 * between the list and the map view of a cycle's knelpunten.
 */
import { Form } from "react-router";
import { AppLink } from "~/ui/app-link";
import { KNELPUNT_STATUSES } from "~/domain/knelpunten/policy";
import { knelpuntStatusMessage } from "~/domain/knelpunten/messages";
import type { KnelpuntListFilters } from "~/domain/knelpunten/schemas";
import { useT } from "~/i18n";
import { Button, Heading, SelectField } from "~/ui/components";

export type ListView = "lijst" | "kaart";

/** The address of the list with these query parameters (empty ones left out). */
export function listHref(base: string, params: Record<string, string | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) query.set(name, value);
  const text = query.toString();
  return text ? `${base}?${text}` : base;
}

/** The query parameters of the current filters, as the list reads them back (listFiltersFrom). */
export function filterParams(filters: KnelpuntListFilters, view: ListView, page = filters.page) {
  return {
    status: filters.status,
    wijk: filters.wijk,
    sorteer: filters.sort === "support" ? "steun" : null,
    weergave: view === "kaart" ? "kaart" : null,
    pagina: page > 1 ? String(page) : null,
  };
}

export function KnelpuntFilters({ filters, wijken, view }: { filters: KnelpuntListFilters; wijken: string[]; view: ListView }) {
  const t = useT();
  const wijkOptions = filters.wijk && !wijken.includes(filters.wijk) ? [...wijken, filters.wijk] : wijken;
  return (
    <section className="vl-kl-filters" aria-labelledby="kl-filter-title">
      <Heading level={2} id="kl-filter-title" className="vl-kl-filters__title">
        {t("knelpuntList.filterTitle")}
      </Heading>
      <Form method="get" className="vl-kl-filters__form">
        <SelectField
          name="status"
          id="filter-status"
          label={t("knelpunt.filter.status")}
          defaultValue={filters.status ?? ""}
          options={[
            { value: "", label: t("knelpunt.filter.statusAll") },
            ...KNELPUNT_STATUSES.map((status) => ({ value: status, label: t(knelpuntStatusMessage(status)) })),
          ]}
        />
        <SelectField
          name="wijk"
          id="filter-wijk"
          label={t("knelpunt.filter.wijk")}
          defaultValue={filters.wijk ?? ""}
          options={[{ value: "", label: t("knelpunt.filter.wijkAll") }, ...wijkOptions.map((wijk) => ({ value: wijk, label: wijk }))]}
        />
        <SelectField
          name="sorteer"
          id="filter-sort"
          label={t("knelpunt.sort.label")}
          defaultValue={filters.sort === "support" ? "steun" : "nieuwste"}
          options={[
            { value: "nieuwste", label: t("knelpunt.sort.newest") },
            { value: "steun", label: t("knelpunt.sort.support") },
          ]}
        />
        {view === "kaart" ? <input type="hidden" name="weergave" value="kaart" /> : null}
        <div className="vl-kl-filters__submit">
          <Button type="submit" variant="secondary">
            {t("knelpunt.filter.submit")}
          </Button>
        </div>
      </Form>
    </section>
  );
}

/** "Lijst" and "Kaart" as two links; the current one carries aria-current. */
export function ViewSwitch({ base, filters, view }: { base: string; filters: KnelpuntListFilters; view: ListView }) {
  const t = useT();
  const views: Array<{ view: ListView; label: "knelpuntList.view.list" | "knelpuntList.view.map" }> = [
    { view: "lijst", label: "knelpuntList.view.list" },
    { view: "kaart", label: "knelpuntList.view.map" },
  ];
  return (
    <nav aria-label={t("knelpuntList.view.label")} className="vl-kl-views">
      <ul>
        {views.map((item) => (
          <li key={item.view}>
            <AppLink
              className="vl-kl-views__link"
              to={listHref(base, filterParams(filters, item.view))}
              aria-current={item.view === view ? "page" : undefined}
            >
              {t(item.label)}
            </AppLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
