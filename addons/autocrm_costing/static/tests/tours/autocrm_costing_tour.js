import { registry } from "@web/core/registry";

// A consultant reads the completion of their own targets.
registry.category("web_tour.tours").add("autocrm_costing_target_completion", {
    steps: () => [
        {
            content: "The target card shows the KPI and its progress bar",
            trigger: ".o_kanban_record:contains(Tour Consultant) .o_progressbar",
        },
        {
            content: "Switch to the list of targets",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "The actual parts revenue of the month is listed",
            trigger: ".o_data_row td[name=actual_value]:contains(120.00)",
        },
    ],
});

// An accountant reads the department results of the store.
registry.category("web_tour.tours").add("autocrm_costing_department_results", {
    steps: () => [
        {
            content: "The pivot has a row for the parts counter",
            trigger: ".o_pivot .o_pivot_header_cell_closed:contains(Parts (Counter))",
        },
        {
            content: "Open the list of monthly results",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Open the documents behind the parts counter result",
            trigger: ".o_data_row:contains(Parts (Counter)) button[name=action_open_lines]",
            run: "click",
        },
        {
            content: "The profit lines behind the figure open",
            trigger: ".o_breadcrumb:contains(Profit Lines)",
        },
        {
            content: "Their pivot shows the parts counter revenue",
            trigger: ".o_pivot:contains(120.00)",
        },
    ],
});
