import { registry } from "@web/core/registry";
import {
    answerSurvey,
    currentStatus,
    currentStatusOnPhone,
    JOURNEY_VIN,
    passQualityCheck,
    pickInDropdown,
    pickOnPhone,
} from "@autocrm_costing/../tests/tours/store_journey_steps";

// Walk-in to delivery, one tour per person and screen. The Python test
// (test_store_journeys.py) creates the staff, the demo car, the VIN, the
// decoration package and the partners named here, and checks the database
// between the tours.

function openMenu(section, item, title) {
    return [
        {
            content: `Open the ${section} menu`,
            trigger: `.o_menu_sections .dropdown-toggle:contains(${section})`,
            run: "click",
        },
        {
            content: `Open ${item}`,
            trigger: `.o-dropdown--menu .dropdown-item:contains(${item})`,
            run: "click",
        },
        {
            content: `${title} are on display`,
            trigger: `.o_control_panel .o_breadcrumb:contains(${title})`,
        },
    ];
}

registry.category("web_tour.tours").add("autocrm_journey_walk_in_phone", {
    steps: () => [
        {
            content: "Log the walk-in",
            trigger: ".o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Visitor name",
            trigger: ".o_field_widget[name=visitor_name] input",
            run: "edit Lena Walker",
        },
        {
            content: "Visitor phone",
            trigger: ".o_field_widget[name=phone] input",
            run: "edit 139 1234 5678",
        },
        {
            content: "She wants to buy within a week",
            trigger: ".o_field_widget[name=intent_level] input[data-value=h]",
            run: "click",
        },
        {
            content: "Save the visit",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The visit opened a prospect",
            trigger: ".o_field_widget[name=lead_id]:contains(Walk-in: Lena Walker)",
        },
        {
            content: "Book a test drive",
            trigger: "button[name=action_book_test_drive]",
            run: "click",
        },
        ...pickOnPhone("vehicle_id", "DEMO-TL1"),
        {
            content: "Driver licence number",
            trigger: ".o_field_widget[name=licence_number] input",
            run: "edit DL-4405-2291",
        },
        {
            content: "Driver licence expiry",
            trigger: ".o_field_widget[name=licence_expiry] input",
            run: "edit 06/30/2034",
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
            content: "Hand over the demo car",
            trigger: ".o_statusbar_buttons button[name=action_start]",
            run: "click",
        },
        currentStatusOnPhone("Ongoing"),
        {
            content: "Odometer when the car is back",
            trigger: ".o_field_widget[name=odometer_in] input",
            run: "edit 1535",
        },
        {
            content: "Take the car back",
            trigger: ".o_statusbar_buttons button[name=action_done]",
            run: "click",
        },
        currentStatusOnPhone("Done"),
    ],
});

// A phone shows the first header button and folds the others into a menu.
function clickFoldedButton(name, content) {
    return [
        {
            content: "Open the menu of the other actions",
            trigger: ".o_statusbar_buttons button[title=More]",
            run: "click",
        },
        {
            content,
            trigger: `.o-dropdown--menu button[name=${name}]`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("autocrm_journey_deal_phone", {
    steps: () => [
        {
            content: "Start a vehicle deal",
            trigger: ".o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Open the customer search",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "click",
        },
        {
            content: "The walk-in is a new customer",
            trigger: ".modal .o_create_button",
            run: "click",
        },
        {
            content: "Customer name",
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit Lena Walker",
        },
        {
            content: "Customer email, for the satisfaction survey",
            trigger: ".modal .o_field_widget[name=email] input",
            run: "edit lena.walker@example.com",
        },
        {
            content: "Save the customer",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        ...pickOnPhone("vehicle_lot_id", JOURNEY_VIN),
        {
            content: "The VIN brings its vehicle line",
            trigger: ".o_field_widget[name=order_line]:contains(Tiguan L 330TSI Elite)",
        },
        ...pickOnPhone("opportunity_id", "Walk-in: Lena Walker"),
        {
            content: "Open the vehicle line",
            trigger:
                ".o_field_widget[name=order_line] .o_kanban_record:contains(Tiguan L 330TSI Elite)",
            run: "click",
        },
        {
            content: "Agree on a price 4,000 below the list price",
            trigger: ".modal .o_field_widget[name=price_unit] input",
            run: "edit 246000",
        },
        {
            content: "Keep the line",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "Open the Deal tab",
            trigger: "a.nav-link:contains(Deal)",
            run: "click",
        },
        {
            content: "Deposit agreed with the customer",
            trigger: ".o_field_widget[name=deposit_amount] input",
            run: "edit 10000",
        },
        {
            content: "Save the deal",
            trigger: ".o_form_button_save",
            run: "click",
        },
        ...clickFoldedButton("action_open_package_wizard", "Add a decoration package"),
        ...pickOnPhone("package_id", "Tiguan Comfort Pack"),
        {
            content: "Add the package to the deal",
            trigger: ".modal button[name=action_add]",
            run: "click",
        },
        ...clickFoldedButton(
            "action_request_discount_approval",
            "Ask the sales manager to approve the discount",
        ),
        {
            content: "The deal waits for the approval",
            trigger:
                ".o_field_widget[name=discount_approval_state]:contains(Needs Approval)",
        },
        {
            content: "Back to the lines",
            trigger: "a.nav-link:contains(Order Lines)",
            run: "click",
        },
        {
            content: "The package lines are on the deal",
            trigger: ".o_field_widget[name=order_line]:contains(Journey Dash Camera)",
        },
        {
            content: "Scroll back to the top of the deal",
            trigger: ".o_form_statusbar",
            run() {
                this.anchor.scrollIntoView({ block: "start" });
            },
        },
    ],
});

// The sales manager throws in floor mats as a gift and approves the discount.
registry.category("web_tour.tours").add("autocrm_journey_deal_approval", {
    steps: () => [
        {
            content: "Add a line",
            trigger: ".o_field_widget[name=order_line] .o_field_x2many_list_row_add a",
            run: "click",
        },
        ...pickInDropdown(
            "product_template_id",
            "Journey Floor Mats",
            ".o_selected_row",
        ),
        {
            content: "The line takes the price of the floor mats",
            trigger:
                ".o_selected_row .o_field_widget[name=price_unit] input:value(800.00)",
        },
        {
            content: "The floor mats are a gift",
            trigger: ".o_selected_row .o_field_widget[name=is_gift] input",
            run: "click",
        },
        {
            content: "A gift is free",
            trigger:
                ".o_selected_row .o_field_widget[name=price_unit] input:value(0.00)",
        },
        {
            content: "Approve the discount",
            trigger: ".o_statusbar_buttons button[name=action_approve_discount]",
            run: "click",
        },
        {
            content: "The discount is approved",
            trigger:
                ".o_statusbar_buttons:not(:has(button[name=action_approve_discount]))",
        },
    ],
});

// The F&I specialist sells the insurance and arranges the loan.
registry.category("web_tour.tours").add("autocrm_journey_deal_fi", {
    steps: () => [
        {
            content: "Open the Deal tab",
            trigger: "a.nav-link:contains(Deal)",
            run: "click",
        },
        {
            content: "Add an insurance policy",
            trigger:
                ".o_field_widget[name=insurance_policy_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        ...pickInDropdown("insurer_id", "Huatai Motor Insurance", ".modal"),
        {
            content: "Policy number",
            trigger: ".modal .o_field_widget[name=policy_number] input",
            run: "edit HT-2026-118842",
        },
        {
            content: "Premium",
            trigger: ".modal .o_field_widget[name=premium] input",
            run: "edit 6200",
        },
        {
            content: "Rebate the insurer pays the store",
            trigger: ".modal .o_field_widget[name=rebate_rate] input",
            run: "edit 12",
        },
        {
            content: "End of the policy",
            trigger: ".modal .o_field_widget[name=end_date] input",
            run: "edit 12/31/2099",
        },
        {
            content: "Keep the policy",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "Add a loan",
            trigger: ".o_field_widget[name=finance_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        ...pickInDropdown("lender_id", "Volkswagen Finance", ".modal"),
        {
            content: "Loan amount",
            trigger: ".modal .o_field_widget[name=amount] input",
            run: "edit 150000",
        },
        {
            content: "Commission the lender pays the store",
            trigger: ".modal .o_field_widget[name=commission_amount] input",
            run: "edit 3000",
        },
        {
            content: "Fee the customer pays for the loan",
            trigger: ".modal .o_field_widget[name=service_fee] input",
            run: "edit 500",
        },
        {
            content: "Keep the loan",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "Save the deal",
            trigger: ".o_form_button_save",
            run: "click",
        },
        ...openMenu("Vehicle Sales", "Insurance", "Insurance Policies"),
        {
            content: "Open the new policy",
            trigger: ".o_data_row:contains(HT-2026-118842) td.o_data_cell",
            run: "click",
        },
        {
            content: "The insurer issued the policy",
            trigger: "button[name=action_activate]",
            run: "click",
        },
        currentStatus("Active"),
        ...openMenu("Vehicle Sales", "Finance", "Finance"),
        {
            content: "Open the new loan",
            trigger: ".o_data_row:contains(Lena Walker) td.o_data_cell",
            run: "click",
        },
        {
            content: "Send the application to the lender",
            trigger: "button[name=action_submit]",
            run: "click",
        },
        {
            content: "The lender approved the loan",
            trigger: "button[name=action_approve]",
            run: "click",
        },
        currentStatus("Approved"),
    ],
});

// The consultant confirms the deal, invoices the deposit and requests the
// gate pass, on the phone again.
registry.category("web_tour.tours").add("autocrm_journey_deal_confirm_phone", {
    steps: () => [
        ...clickFoldedButton("action_confirm", "Confirm the deal"),
        currentStatusOnPhone("Sales Order"),
        ...clickFoldedButton("action_create_deposit_invoice", "Invoice the deposit"),
        {
            content: "The draft deposit invoice opens",
            trigger:
                ".o_form_view .o_field_widget[name=invoice_line_ids] .o_kanban_record",
        },
        {
            content: "Back to the deal",
            trigger: ".o_back_button",
            run: "click",
        },
        {
            content: "The deal reloads as a sales order",
            trigger: ".o_statusbar_buttons button#create_invoice",
        },
        ...clickFoldedButton("action_request_gate_pass", "Ask for the gate pass"),
        currentStatusOnPhone("Requested"),
    ],
});

// Start, check and release one delivery job still in reception.
function finishDeliveryJob() {
    return [
        {
            content: "Open a job still in reception",
            trigger: ".o_list_view .o_data_row:contains(Reception):first td[name=name]",
            run: "click",
        },
        {
            content: "Start the job",
            trigger: "button[name=action_workshop_start]",
            run: "click",
        },
        currentStatus("In Progress"),
        ...passQualityCheck([
            "Fluids and tyre pressures",
            "Accessories fitted and working",
            "Vehicle cleaned",
        ]),
        {
            content: "Back to the jobs of the deal",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains(Repair Orders)",
            run: "click",
        },
        {
            content: "The list shows the job as ready",
            trigger: ".o_list_view .o_data_row:contains(Ready)",
        },
    ];
}

// The foreman runs the pre-delivery inspection and the accessory fitting.
registry.category("web_tour.tours").add("autocrm_journey_delivery_jobs", {
    steps: () => [
        {
            content: "Open the workshop jobs of the deal",
            trigger: "button[name=action_view_delivery_jobs]",
            run: "click",
        },
        ...finishDeliveryJob(),
        ...finishDeliveryJob(),
        {
            content: "Both jobs are ready",
            trigger:
                ".o_list_view:not(:has(.o_data_row:contains(Reception))) .o_data_row",
        },
    ],
});

// The security desk lets the sold vehicle out.
registry.category("web_tour.tours").add("autocrm_journey_gate_pass", {
    steps: () => [
        {
            content: "Open the requested gate pass",
            trigger: `.o_data_row:contains(${JOURNEY_VIN}) td.o_data_cell`,
            run: "click",
        },
        {
            content: "Odometer at the gate",
            trigger: ".o_field_widget[name=delivery_odometer] input",
            run: "edit 12",
        },
        {
            content: "Approve the exit",
            trigger: "button[name=action_approve]",
            run: "click",
        },
        currentStatus("Approved"),
    ],
});

// The warehouse hands the vehicle and its accessories over.
registry.category("web_tour.tours").add("autocrm_journey_vehicle_delivery", {
    steps: () => [
        {
            content: "Validate the delivery",
            trigger: "button[name=button_validate]",
            run: "click",
        },
        currentStatus("Done"),
    ],
});

// The day after the delivery the consultant calls the buyer.
registry.category("web_tour.tours").add("autocrm_journey_first_call_phone", {
    steps: () => [
        {
            content: "Mark the day-1 call as done",
            trigger: ".o-mail-Activity:contains(day 1) .o-mail-Activity-markDone",
            run: "click",
        },
        {
            content: "What the buyer said",
            trigger: ".o-mail-ActivityMarkAsDone textarea",
            run: "edit Happy with the car, asked when the first service is due.",
        },
        {
            content: "Done",
            trigger: ".o-mail-ActivityMarkAsDone button[aria-label=Done]",
            run: "click",
        },
        {
            content: "The call is logged on the deal",
            trigger: ".o-mail-Message:contains(asked when the first service is due)",
        },
    ],
});

// The buyer answers the sales satisfaction survey from the email link.
registry.category("web_tour.tours").add("autocrm_journey_sales_survey", {
    steps: () =>
        answerSurvey("recommend our store", 9, "The hand-over took a little long."),
});
