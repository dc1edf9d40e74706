/* Copyright 2026 Konus (Ulan-Ude)
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import publicWidget from "@web/legacy/js/public/public_widget";

/**
 * The request form offers only the products a chosen contract covers and the
 * kinds of support it grants (§5.3). A convenience only: the server checks
 * every choice again.
 */
publicWidget.registry.KonusRequestForm = publicWidget.Widget.extend({
    selector: "form#konus_request_form",
    events: {
        "change select[name='contract_id']": "_onChangeContract",
    },

    start() {
        this._filterOptions();
        return this._super(...arguments);
    },

    _onChangeContract() {
        this._filterOptions();
    },

    _filterOptions() {
        const contract = this.el.querySelector("select[name='contract_id']");
        if (!contract) {
            return;
        }
        for (const name of ["supported_product_id", "support_type_id"]) {
            const select = this.el.querySelector(`select[name='${name}']`);
            const offered = [];
            for (const option of select.querySelectorAll("option[data-contracts]")) {
                const contracts = option.dataset.contracts.split(" ");
                const show = !contract.value || contracts.includes(contract.value);
                option.hidden = !show;
                option.disabled = !show;
                if (show) {
                    offered.push(option);
                } else if (option.selected) {
                    select.value = "";
                }
            }
            if (contract.value && offered.length === 1) {
                select.value = offered[0].value;
            }
        }
    },
});
