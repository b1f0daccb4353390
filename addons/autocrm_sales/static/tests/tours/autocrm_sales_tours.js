import { registry } from "@web/core/registry";

// The Python tests create the customer "Tour Buyer" and the VINs used here.

function selectMany2one(fieldName, text) {
    return [
        {
            content: `Type ${text} in ${fieldName}`,
            trigger: `.o_field_widget[name=${fieldName}] input`,
            run: `edit ${text}`,
        },
        {
            content: `Choose ${text}`,
            trigger: `.o-autocomplete--dropdown-item:contains(${text})`,
            run: "click",
        },
    ];
}

// On a phone a many2one opens a full-screen search dialog instead of a
// dropdown.
function selectMany2oneOnPhone(fieldName, text) {
    return [
        {
            content: `Open the search of ${fieldName}`,
            trigger: `.o_field_widget[name=${fieldName}] input`,
            run: "click",
        },
        {
            // A demo database has many customers and the dialog lists only the
            // first ones, so the tour searches for the one it needs. On a phone
            // the search bar is hidden behind a toggle button.
            content: "Show the dialog's search bar",
            trigger: ".modal .o_control_panel button:has(i.fa-search)",
            run: "click",
        },
        {
            content: `Search ${text} in the dialog`,
            trigger: ".modal .o_searchview_input",
            run: `edit ${text}`,
        },
        {
            trigger: ".modal .o_searchview_input",
            run: "press Enter",
        },
        {
            content: `Choose ${text}`,
            trigger: `.modal .o_kanban_record:contains(${text})`,
            run: "click",
        },
    ];
}

function quotationSteps(vin, select = selectMany2one) {
    return [
        ...select("partner_id", "Tour Buyer"),
        ...select("vehicle_lot_id", vin),
        {
            content: "The VIN brings its vehicle line",
            trigger: ".o_field_widget[name=order_line]:contains(Tour Car)",
        },
    ];
}

registry.category("web_tour.tours").add("autocrm_sales_quotation", {
    steps: () => [
        {
            content: "Start a new vehicle deal",
            trigger: ".o_list_button_add",
            run: "click",
        },
        ...quotationSteps("LSVAU2183N2777001"),
        {
            content: "The expected profit is on the Deal tab",
            trigger: "a.nav-link:contains(Deal)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=expected_gross_profit]:contains(20,000)",
        },
        {
            content: "Confirm the deal",
            trigger: ".o_form_statusbar button[name=action_confirm]:enabled",
            run: "click",
        },
        {
            content: "A confirmed deal can request its gate pass",
            trigger: ".o_form_statusbar button[name=action_request_gate_pass]",
            run: "click",
        },
        {
            content: "The gate pass waits for the security desk",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Requested)",
        },
    ],
});

registry.category("web_tour.tours").add("autocrm_sales_gate_pass", {
    steps: () => [
        {
            content: "Open the requested gate pass",
            trigger: ".o_data_row:contains(LSVAU2183N2777001) .o_data_cell",
            run: "click",
        },
        {
            content: "Record the odometer at the gate",
            trigger: ".o_field_widget[name=delivery_odometer] input",
            run: "edit 25",
        },
        {
            content: "Approve the exit",
            trigger: ".o_form_statusbar button[name=action_approve]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Approved)",
        },
    ],
});

registry.category("web_tour.tours").add("autocrm_sales_delivery", {
    steps: () => [
        {
            content: "Validate the delivery",
            trigger: ".o_form_statusbar button[name=button_validate]",
            run: "click",
        },
        {
            content: "The vehicle is delivered",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Done)",
        },
    ],
});

registry.category("web_tour.tours").add("autocrm_sales_phone_vin_lookup", {
    steps: () => [
        {
            content: "Open the search bar",
            trigger: ".o_control_panel button:has(i.fa-search)",
            run: "click",
        },
        {
            content: "Search the VIN",
            trigger: ".o_searchview_input",
            run: "edit LSVAU2185N2777002",
        },
        {
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "Open the vehicle card",
            trigger: ".o_kanban_record:contains(LSVAU2185N2777002)",
            run: "click",
        },
        {
            content: "The VIN form shows its status",
            trigger: ".o_form_view .o_field_widget[name=vin_state]",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=days_in_stock]",
        },
    ],
});

registry.category("web_tour.tours").add("autocrm_sales_phone_deal", {
    steps: () => [
        {
            content: "Start a new vehicle deal",
            trigger: "button.o-kanban-button-new",
            run: "click",
        },
        ...quotationSteps("LSVAU2185N2777002", selectMany2oneOnPhone),
        {
            content: "Save the quotation",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Open the Deal tab",
            trigger: "a.nav-link:contains(Deal)",
            run: "click",
        },
        {
            content: "The expected profit fits the phone screen",
            trigger: ".o_field_widget[name=expected_gross_profit]:contains(20,000)",
        },
    ],
});
