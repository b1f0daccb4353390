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

function inDialog(steps) {
    return steps.map((step) => ({ ...step, trigger: `.modal ${step.trigger}` }));
}

function saveDialog(content) {
    return {
        content,
        trigger: ".modal .o_form_button_save",
        run: "click",
    };
}

// A finance application and a policy added to a new deal. Their buttons are
// offered only once the deal is saved, and then work from the dialog.
registry.category("web_tour.tours").add("autocrm_sales_deal_dialog_buttons", {
    steps: () => [
        {
            content: "Start a new vehicle deal",
            trigger: ".o_list_button_add",
            run: "click",
        },
        ...quotationSteps("LSVAU2183N2777001"),
        {
            content: "Open the Deal tab",
            trigger: "a.nav-link:contains(Deal)",
            run: "click",
        },
        {
            content: "Add a finance application",
            trigger: ".o_field_widget[name=finance_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        ...inDialog(selectMany2one("lender_id", "Tour Lender")),
        {
            content: "Enter the loan amount",
            trigger: ".modal .o_field_widget[name=amount] input",
            run: "edit 50000",
        },
        {
            content: "The unsaved deal offers no lender button yet",
            trigger:
                ".modal:has(.o_field_widget[name=amount]):not(:has(button[name=action_submit]))",
        },
        saveDialog("Keep the application on the deal"),
        {
            content: "Add an insurance policy",
            trigger:
                ".o_field_widget[name=insurance_policy_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        ...inDialog(selectMany2one("insurer_id", "Tour Insurer")),
        {
            trigger: ".modal .o_field_widget[name=policy_number] input",
            run: "edit TOUR-POLICY-1",
        },
        {
            trigger: ".modal .o_field_widget[name=premium] input",
            run: "edit 950",
        },
        {
            trigger: ".modal .o_field_widget[name=end_date] input",
            run: "edit 12/31/2030",
        },
        {
            content: "The unsaved deal offers no Activate button yet",
            trigger:
                ".modal:has(.o_field_widget[name=premium]):not(:has(button[name=action_activate]))",
        },
        saveDialog("Keep the policy on the deal"),
        {
            content: "Save the deal with its application and policy",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_breadcrumb .active:contains(S0)",
        },
        {
            content: "Open the saved finance application",
            trigger: ".o_field_widget[name=finance_ids] .o_data_row .o_data_cell",
            run: "click",
        },
        {
            content: "Submit the application to the lender from the dialog",
            trigger: ".modal button[name=action_submit]",
            run: "click",
        },
        {
            trigger: ".modal .o_statusbar_status .o_arrow_button_current:contains(Submitted)",
        },
        saveDialog("Save and close the finance dialog"),
        {
            trigger: ".o_field_widget[name=finance_ids] .o_data_row:contains(Submitted)",
        },
        {
            content: "Open the saved policy",
            trigger: ".o_field_widget[name=insurance_policy_ids] .o_data_row .o_data_cell",
            run: "click",
        },
        {
            content: "Activate the policy from the dialog",
            trigger: ".modal button[name=action_activate]",
            run: "click",
        },
        {
            trigger: ".modal .o_statusbar_status .o_arrow_button_current:contains(Active)",
        },
        saveDialog("Save and close the policy dialog"),
        {
            trigger: ".o_field_widget[name=insurance_policy_ids] .o_data_row:contains(Active)",
        },
        {
            content: "Change the deal so that it is saved once more",
            trigger: ".o_field_widget[name=deposit_amount] input",
            run: "edit 5000",
        },
        {
            content: "Save the deal",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The deal saved without an error",
            trigger: ".o_form_saved",
        },
    ],
});
