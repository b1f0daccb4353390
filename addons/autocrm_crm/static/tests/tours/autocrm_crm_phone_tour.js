import { registry } from "@web/core/registry";

// A consultant on a phone logs a walk-in and books a test drive for them.
registry.category("web_tour.tours").add("autocrm_crm_phone_walk_in_to_test_drive", {
    steps: () => [
        {
            content: "Log a new showroom visit",
            trigger: ".o_control_panel .o-kanban-button-new, .o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Visitor name",
            trigger: ".o_field_widget[name=visitor_name] input",
            run: "edit Tour Walk-in",
        },
        {
            content: "Visitor phone",
            trigger: ".o_field_widget[name=phone] input",
            run: "edit 135 0000 9999",
        },
        {
            content: "Intent level H",
            trigger: ".o_field_widget[name=intent_level] input[data-value=h]",
            run: "click",
        },
        {
            content: "Save the visit",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The visit created a prospect",
            trigger: ".o_field_widget[name=lead_id]:contains(Walk-in: Tour Walk-in)",
        },
        {
            content: "Book a test drive from the visit",
            trigger: "button[name=action_book_test_drive]",
            run: "click",
        },
        {
            content: "The test drive is for the visitor's prospect",
            trigger: ".o_field_widget[name=lead_id] input:value(Walk-in: Tour Walk-in)",
        },
        {
            content: "Open the demo car search",
            trigger: ".o_field_widget[name=vehicle_id] input",
            run: "click",
        },
        {
            content: "Pick the demo car by its plate",
            trigger: ".modal .o_kanban_record:contains(TOUR-1)",
            run: "click",
        },
        {
            content: "Driver licence number",
            trigger: ".o_field_widget[name=licence_number] input",
            run: "edit DL-778899",
        },
        {
            content: "Driver licence expiry",
            trigger: ".o_field_widget[name=licence_expiry] input",
            run: "edit 12/31/2035",
        },
        {
            content: "Leave the date field",
            trigger: ".o_field_widget[name=licence_number] input",
            run: "click",
        },
        {
            content: "Save the booking",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The booking is saved: the drive can start",
            trigger: ".o_statusbar_buttons button[name=action_start]",
        },
    ],
});

// The same consultant checks the prospect on the pipeline kanban.
registry.category("web_tour.tours").add("autocrm_crm_phone_lead_kanban", {
    steps: () => [
        {
            content: "The walk-in prospect shows its intent level",
            trigger: ".o_kanban_record:contains(Walk-in: Tour Walk-in):contains(H: buys within 7 days)",
        },
        {
            content: "Open the prospect",
            trigger: ".o_kanban_record:contains(Walk-in: Tour Walk-in)",
            run: "click",
        },
        {
            content: "The prospect form shows the intent level",
            trigger: ".o_field_widget[name=intent_level] input[data-value=h]:checked",
        },
    ],
});
