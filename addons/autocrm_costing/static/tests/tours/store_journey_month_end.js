import { registry } from "@web/core/registry";
import { download } from "@web/core/network/download";
import { JOURNEY_VIN } from "@autocrm_costing/../tests/tours/store_journey_steps";

// Month end: the accountant reads the profit reports and exports them. The
// Python test (test_store_journeys.py) sells and delivers JOURNEY_VIN and
// checks the workbooks that the exports produced.

// Print the selected rows with an XLSX report and wait for the file.
// The web client downloads through an XHR and resolves with the file name of
// the response, so the tour records that name on the page. An error page from
// the server has no file name, so the next step then fails.
function exportXlsx(reportName) {
    return [
        {
            content: "Open the Print menu",
            trigger: ".o_cp_action_menus button:has(.fa-print)",
            run: "click",
        },
        {
            content: `Export ${reportName}`,
            trigger: `.o-dropdown--menu .o-dropdown-item:contains(${reportName})`,
            async run(helpers) {
                const send = download._download;
                delete document.body.dataset.autocrmExport;
                download._download = async (options) => {
                    download._download = send;
                    const filename = await send(options);
                    document.body.dataset.autocrmExport = filename;
                    return filename;
                };
                await helpers.click();
            },
        },
        {
            content: "The server answered with the XLSX file",
            trigger: `body[data-autocrm-export="${reportName}.xlsx"]`,
        },
    ];
}

registry.category("web_tour.tours").add("autocrm_journey_deal_profit_export", {
    steps: () => [
        {
            content: "Look for the VIN sold this month",
            trigger: ".o_searchview_input",
            run: `edit ${JOURNEY_VIN}`,
        },
        {
            content: "Search it as a VIN",
            trigger: ".o_searchview_autocomplete .o-dropdown-item:contains(Search VIN)",
            run: "click",
        },
        {
            content: "Only the deal of that VIN is listed",
            trigger: `.o_list_view .o_data_row:only-child:contains(${JOURNEY_VIN})`,
        },
        {
            content: "Select the deal",
            trigger: `.o_data_row:contains(${JOURNEY_VIN}) .o_list_record_selector input`,
            run: "click",
        },
        ...exportXlsx("Deal Profitability (XLSX)"),
        {
            content: "Clear the VIN search",
            trigger: ".o_searchview_facet:contains(VIN) .o_facet_remove",
            run: "click",
        },
        {
            content: "Every deal of the period is listed again",
            trigger: `.o_list_view:not(:has(.o_list_record_selector input:checked)) .o_data_row:contains(${JOURNEY_VIN})`,
        },
    ],
});

registry.category("web_tour.tours").add("autocrm_journey_department_export", {
    steps: () => [
        {
            content: "The pivot has a row for the vehicle sales department",
            trigger: ".o_pivot .o_pivot_header_cell_closed:contains(New Vehicles)",
        },
        {
            content: "Switch to the list of monthly results",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Select the results of every department and month",
            trigger: ".o_list_view thead .o_list_record_selector input",
            run: "click",
        },
        ...exportXlsx("Department Results (XLSX)"),
    ],
});
