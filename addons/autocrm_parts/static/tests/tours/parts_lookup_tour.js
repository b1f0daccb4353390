import { registry } from "@web/core/registry";

// A parts clerk opens the screen titled Parts Lookup, looks up a superseded
// number by part of it and gets the current part with its stock, then a
// fitting alternative.
registry.category("web_tour.tours").add("autocrm_parts_lookup_tour", {
    steps: () => [
        {
            trigger: ".o_last_breadcrumb_item:contains('Parts Lookup')",
        },
        {
            trigger: ".o_field_widget[name=query] input",
            run: "edit 915-1000",
        },
        {
            trigger: "button[name=action_search]",
            run: "click",
        },
        {
            trigger: ".alert-info:contains('superseded')",
        },
        {
            trigger:
                ".o_field_widget[name=line_ids] .o_data_row:contains('9091510003'):contains('Tour Store')",
        },
        {
            trigger: "a.nav-link:contains('Fitting Alternatives')",
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name=alternative_line_ids] .o_data_row:contains('9091520001')",
        },
    ],
});
