import { registry } from "@web/core/registry";
import { formatDateTime } from "@web/core/l10n/dates";
import {
    answerSurvey,
    chooseOption,
    currentStatus,
    openTab,
    passQualityCheck,
    pickInDropdown,
} from "@autocrm_costing/../tests/tours/store_journey_steps";

const { DateTime } = luxon;

// Service visit, one tour per person and screen. The Python test
// (test_store_journeys.py) creates the staff, the customer's car, the labour
// operations and the parts named here, and checks the database between the
// tours.

const PLATE = "SH-J2024";

function addLine(listName) {
    return {
        content: `Add a line to ${listName}`,
        trigger: `div[name=${listName}] .o_field_x2many_list_row_add a`,
        run: "click",
    };
}

// The advisor books the car for the next full hour and receives it.
registry.category("web_tour.tours").add("autocrm_journey_service_reception", {
    steps: () => [
        ...pickInDropdown("vehicle_id", PLATE),
        {
            content: "The owner becomes the customer",
            trigger: ".o_field_widget[name=partner_id] input:value(Marco Rossi)",
        },
        {
            content: "Slot: the next full hour",
            trigger: ".o_field_widget[name=start_datetime] input",
            async run(helpers) {
                const slot = DateTime.now().plus({ hours: 1 }).startOf("hour");
                await helpers.edit(formatDateTime(slot));
            },
        },
        ...pickInDropdown("bay_id", "Journey Bay"),
        ...pickInDropdown("technician_id", "Tom Technician"),
        ...pickInDropdown("operation_ids", "Journey oil service"),
        ...pickInDropdown("operation_ids", "Journey software update"),
        {
            content: "What the customer asked for",
            trigger: ".o_field_widget[name=concerns] textarea",
            run: "edit Yearly service; brakes squeak when cold.",
        },
        {
            content: "Save the booking",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The customer arrives: check the car in",
            trigger: "button[name=action_check_in]",
            run: "click",
        },
        currentStatus("Reception"),
        {
            content: "Odometer at reception",
            trigger: "div[name=odometer_in] input",
            run: "edit 18240",
        },
        ...chooseOption("div[name=fuel_level]", "1/2"),
        openTab("Labour"),
        {
            content: "Open the payer of the software update",
            trigger:
                "div[name=labour_line_ids] .o_data_row:contains(software update) td[name=payer]",
            run: "click",
        },
        ...chooseOption(
            "div[name=labour_line_ids] .o_selected_row td[name=payer]",
            "OEM Warranty",
        ),
        openTab("Parts"),
        addLine("move_ids"),
        ...pickInDropdown("product_id", "Journey Oil Filter", "div[name=move_ids]"),
        {
            content: "Save the reception",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Start the work",
            trigger: "button[name=action_workshop_start]",
            run: "click",
        },
        currentStatus("In Progress"),
    ],
});

// A technician clocks on a labour line from their own list.
function clockOn(operation) {
    return [
        {
            content: `Clock on ${operation}`,
            trigger: `.o_kanban_record:contains(${operation}) button[name=action_clock_on]`,
            run: "click",
        },
        {
            content: `The clock of ${operation} runs`,
            trigger: `.o_kanban_record:contains(${operation}) button[name=action_clock_off]`,
        },
    ];
}

registry.category("web_tour.tours").add("autocrm_journey_service_clock_on", {
    steps: () => clockOn("Journey oil service"),
});

// The technician found worn brake pads. The advisor proposes the extra work
// and records the customer's approval given on the phone.
registry.category("web_tour.tours").add("autocrm_journey_service_extra_work", {
    steps: () => [
        openTab("Labour"),
        addLine("labour_line_ids"),
        ...pickInDropdown(
            "operation_id",
            "Journey front brake pads",
            "div[name=labour_line_ids] .o_selected_row",
        ),
        ...pickInDropdown(
            "technician_ids",
            "Tom Technician",
            "div[name=labour_line_ids] .o_selected_row",
        ),
        openTab("Parts"),
        addLine("move_ids"),
        ...pickInDropdown("product_id", "Journey Brake Pad Set", "div[name=move_ids]"),
        {
            content: "Save the proposal",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The customer agreed to the brake pads",
            trigger:
                "div[name=move_ids] .o_data_row:contains(Journey Brake Pad Set) button[name=action_approve]",
            run: "click",
        },
        {
            content: "The part is approved",
            trigger:
                "div[name=move_ids] .o_data_row:contains(Journey Brake Pad Set):contains(Approved)",
        },
        openTab("Labour"),
        {
            content: "The customer agreed to the brake labour",
            trigger:
                "div[name=labour_line_ids] .o_data_row:contains(brake pads) button[name=action_approve]",
            run: "click",
        },
        {
            content: "The labour is approved",
            trigger:
                "div[name=labour_line_ids] .o_data_row:contains(brake pads):contains(Approved)",
        },
    ],
});

// Switching the clock to the brake pads stops it on the oil service.
registry.category("web_tour.tours").add("autocrm_journey_service_clock_switch", {
    steps: () => [
        ...clockOn("Journey front brake pads"),
        {
            content: "The brake pads are fitted: clock off",
            trigger:
                ".o_kanban_record:contains(Journey front brake pads) button[name=action_clock_off]",
            run: "click",
        },
        {
            content: "No clock runs any more",
            trigger:
                ".o_kanban_view:not(:has(button[name=action_clock_off])) .o_kanban_record",
        },
    ],
});

// The foreman checks the job from the dispatch board and releases the car.
registry.category("web_tour.tours").add("autocrm_journey_service_quality", {
    steps: () => [
        {
            content: "Open the job from the dispatch board",
            trigger: `.o_kanban_record:contains(${PLATE})`,
            run: "click",
        },
        ...passQualityCheck([
            "Oil level and leaks",
            "Filters replaced as ordered",
            "Tyre pressures and torque",
            "Service reminder reset",
            "Road test",
        ]),
        {
            content: "Back to the dispatch board",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains(Dispatch Board)",
            run: "click",
        },
        {
            content: "The job waits in the Ready column",
            trigger: `.o_kanban_group:contains(Ready) .o_kanban_record:contains(${PLATE})`,
        },
    ],
});

// The advisor invoices each payer and hands the car back.
registry.category("web_tour.tours").add("autocrm_journey_service_delivery", {
    steps: () => [
        {
            content: "Invoice the customer and claim the warranty work",
            trigger: "button[name=action_create_invoices]",
            run: "click",
        },
        {
            content: "The customer's draft invoice is listed, before taxes 375.00",
            trigger: ".o_list_view .o_data_row:contains(375.00)",
        },
        {
            content: "Back to the repair order",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains(WH/RO/)",
            run: "click",
        },
        {
            content: "Hand the car back",
            trigger: "button[name=action_workshop_deliver]",
            run: "click",
        },
        currentStatus("Delivered"),
        openTab("Labour"),
        {
            content: "The labour of the visit is listed",
            trigger: "div[name=labour_line_ids] .o_data_row:contains(brake pads)",
        },
    ],
});

// Customer service takes on the complaint that the low score opened.
registry.category("web_tour.tours").add("autocrm_journey_service_complaint", {
    steps: () => [
        {
            content: "Open the customer's complaint",
            trigger: ".o_data_row:contains(Marco Rossi) td.o_data_cell",
            run: "click",
        },
        {
            content: "Take it on",
            trigger: "button[name=action_start]",
            run: "click",
        },
        currentStatus("In Progress"),
        openTab("Resolution"),
        {
            content: "What was agreed on the phone",
            trigger: ".o_field_widget[name=resolution] .odoo-editor-editable",
            run: "editor Apologised for the late car and offered a free car wash.",
        },
        {
            content: "Resolve the complaint",
            trigger: "button[name=action_resolve]",
            run: "click",
        },
        currentStatus("Resolved"),
    ],
});

// The customer answers the service survey from the email link.
registry.category("web_tour.tours").add("autocrm_journey_service_survey", {
    steps: () =>
        answerSurvey("recommend our workshop", 3, "The car was ready two hours late."),
});
