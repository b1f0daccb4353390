import { registry } from "@web/core/registry";

// A service advisor receives a booked vehicle and takes its repair order to
// delivery. The test opens the appointment form before the first step.
registry.category("web_tour.tours").add("autocrm_workshop_advisor_tour", {
    steps: () => [
        {
            content: "Check the booked vehicle in",
            trigger: ".o_form_view button[name=action_check_in]",
            run: "click",
        },
        {
            content: "The repair order opens in reception",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Reception)",
        },
        {
            content: "Enter the odometer at reception",
            trigger: "div[name=odometer_in] input",
            run: "edit 15000",
        },
        {
            content: "Open the fuel levels",
            trigger: "div[name=fuel_level] .o_select_menu_toggler",
            run: "click",
        },
        {
            content: "Enter the fuel level",
            trigger: ".o_select_menu_menu .o_select_menu_item:contains(1/2)",
            run: "click",
        },
        {
            content: "Note the walk-around damage",
            trigger: "div[name=damage_notes] textarea",
            run: "edit Scratch on the front bumper",
        },
        {
            content: "Save the reception",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Wait for the save",
            trigger: ".o_form_saved",
        },
        {
            content: "Start the work",
            trigger: "button[name=action_workshop_start]",
            run: "click",
        },
        {
            content: "The job is in progress",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains(In Progress)",
        },
        {
            content: "Send the job to the quality check",
            trigger: "button[name=action_request_quality_check]",
            run: "click",
        },
        {
            content: "Open the checklist",
            trigger: ".o_notebook_headers a:contains(Quality Check)",
            run: "click",
        },
        {
            content: "Open the checklist item",
            trigger: "div[name=quality_check_line_ids] .o_data_row td[name=result]",
            run: "click",
        },
        {
            content: "Open the results",
            trigger:
                "div[name=quality_check_line_ids] .o_data_row td[name=result] .o_select_menu_toggler",
            run: "click",
        },
        {
            content: "Pass the checklist item",
            trigger: ".o_select_menu_menu .o_select_menu_item:contains(Passed)",
            run: "click",
        },
        {
            content: "Save the checklist",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Wait for the save",
            trigger: ".o_form_saved",
        },
        {
            content: "Sign the quality check",
            trigger: "button[name=action_sign_quality_check]",
            run: "click",
        },
        {
            content: "Mark the vehicle ready",
            trigger: "button[name=action_workshop_ready]",
            run: "click",
        },
        {
            content: "Hand the vehicle back",
            trigger: "button[name=action_workshop_deliver]",
            run: "click",
        },
        {
            content: "The vehicle is delivered",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains(Delivered)",
        },
    ],
});
