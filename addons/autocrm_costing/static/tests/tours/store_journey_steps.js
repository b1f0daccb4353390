// Steps shared by the store journey tours. The Python test
// (test_store_journeys.py) creates the vehicle unit of JOURNEY_VIN.

// A valid SAIC Volkswagen VIN, sold in the walk-in and month-end journeys.
export const JOURNEY_VIN = "LSVUB65N9R2000001";

export function currentStatus(label) {
    return {
        content: `The status is ${label}`,
        trigger: `.o_statusbar_status .o_arrow_button_current:contains(${label})`,
    };
}

// A phone folds the status bar into a dropdown that shows the current status.
export function currentStatusOnPhone(label) {
    return {
        content: `The status is ${label}`,
        trigger: `.o_statusbar_status .dropdown-toggle:contains(${label})`,
    };
}

export function pickInDropdown(fieldName, text, scope = "") {
    return [
        {
            content: `Type ${text} in ${fieldName}`,
            trigger: `${scope} .o_field_widget[name=${fieldName}] input`,
            run: `edit ${text}`,
        },
        {
            content: `Choose ${text}`,
            trigger: `.o-autocomplete--dropdown-item:contains(${text})`,
            run: "click",
        },
    ];
}

// On a phone a many2one opens a full-screen search dialog of cards.
export function pickOnPhone(fieldName, text) {
    return [
        {
            content: `Open the search of ${fieldName}`,
            trigger: `.o_field_widget[name=${fieldName}] input`,
            run: "click",
        },
        {
            content: `Choose ${text}`,
            trigger: `.modal .o_kanban_record:contains(${text})`,
            run: "click",
        },
    ];
}

export function openTab(label) {
    return {
        content: `Open the ${label} tab`,
        trigger: `.o_notebook_headers a:contains(${label})`,
        run: "click",
    };
}

// Choose an option of a selection field shown as a menu, in a form or a row.
export function chooseOption(scope, option) {
    return [
        {
            content: `Open the options of ${scope}`,
            trigger: `${scope} .o_select_menu_toggler`,
            run: "click",
        },
        {
            content: `Choose ${option}`,
            trigger: `.o_select_menu_menu .o_select_menu_item:contains(${option})`,
            run: "click",
        },
    ];
}

function passChecklistItem(item) {
    const cell = `div[name=quality_check_line_ids] .o_data_row:contains(${item}) td[name=result]`;
    return [
        {
            content: `Check ${item}`,
            trigger: cell,
            run: "click",
        },
        ...chooseOption(cell, "Passed"),
    ];
}

// Send the open repair order to the quality check, pass every item of its
// checklist, sign it as the current user and release the vehicle.
export function passQualityCheck(items) {
    return [
        {
            content: "The work is done: send it to the quality check",
            trigger: "button[name=action_request_quality_check]",
            run: "click",
        },
        openTab("Quality Check"),
        ...items.flatMap(passChecklistItem),
        {
            content: "Save the checklist",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Sign the quality check",
            trigger: "button[name=action_sign_quality_check]",
            run: "click",
        },
        {
            content: "Release the vehicle",
            trigger: "button[name=action_workshop_ready]",
            run: "click",
        },
        currentStatus("Ready"),
    ];
}

// Answer a satisfaction survey of the store with a score from 0 to 10 for its
// recommendation question, and a comment.
export function answerSurvey(question, score, comment) {
    return [
        {
            content: "Start the survey",
            trigger: "button.btn:contains(Start)",
            run: "click",
        },
        {
            content: `Would ${question}: ${score} of 10`,
            trigger: `div.js_question-wrapper:contains(${question}) label[for$=_${score}]`,
            run: "click",
        },
        {
            content: "Comment",
            trigger: "div.js_question-wrapper:contains(done better) textarea",
            run: `edit ${comment}`,
        },
        {
            content: "Submit the answers",
            trigger: "button[value=finish]",
            run: "click",
        },
        {
            content: "Confirm the submission",
            trigger: ".modal-footer button.btn-primary:contains(Submit)",
            run: "click",
        },
        {
            content: "The survey thanks the customer",
            trigger: "h1:contains(Thank you)",
        },
    ];
}
