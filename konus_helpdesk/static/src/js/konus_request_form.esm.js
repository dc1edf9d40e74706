/* Copyright 2026 Konus (Ulan-Ude)
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {Interaction} from "@web/public/interaction";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";

/**
 * The §4.4 request form while the customer fills it in.
 *
 * - A chosen contract offers only the products it covers and the kinds of
 *   support it grants (§5.3).
 * - A chosen product shows its documentation (§4.3) before the customer
 *   writes, and the documentation-reference field offers its documents.
 * - Mistakes are told in the customer's language as soon as a field is left
 *   or the form is sent: the form is ``novalidate``, so the browser's own
 *   bubbles (in the browser's language) never appear.
 *
 * A convenience only: the server checks every field again and sends the form
 * back with everything typed when something is wrong.
 */
export class KonusRequestForm extends Interaction {
    static selector = "form#konus_request_form";
    dynamicContent = {
        _root: {"t-on-submit": this.onSubmit},
        "select[name='contract_id']": {"t-on-change": this.onChangeContract},
        "select[name='supported_product_id']": {"t-on-change": this.onChangeProduct},
        ".konus_use_document": {"t-on-click": this.onUseDocument},
        "[data-konus-check]": {
            "t-on-change": this.onFieldEdited,
            "t-on-focusout": this.onFieldEdited,
            "t-on-input": this.onFieldTyped,
        },
    };

    setup() {
        this.isCustomer = this.el.dataset.konusCustomer === "1";
        this.minQuestion = parseInt(this.el.dataset.konusMinQuestion || "0", 10);
        this.maxSubject = parseInt(this.el.dataset.konusMaxSubject || "0", 10);
        const datalist = this.el.querySelector("#konus_doc_reference_options");
        this.documentOptions = datalist ? [...datalist.querySelectorAll("option")] : [];
        // Fields left at least once: their mistakes are shown while typing.
        this.touched = new Set();
    }

    start() {
        this.filterOptions();
        this.showProductDocuments();
    }

    // ------------------------------------------------------------------
    // Contract, product and their documentation
    // ------------------------------------------------------------------

    onChangeContract() {
        this.filterOptions();
        this.showProductDocuments();
    }

    onChangeProduct() {
        this.showProductDocuments();
    }

    filterOptions() {
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
    }

    showProductDocuments() {
        const product = this.el.querySelector("select[name='supported_product_id']");
        const chosen = product ? product.value : "";
        for (const block of this.el.querySelectorAll(".konus_product_docs")) {
            block.classList.toggle("d-none", block.dataset.product !== chosen);
        }
        const datalist = this.el.querySelector("#konus_doc_reference_options");
        if (datalist) {
            datalist.replaceChildren(
                ...this.documentOptions.filter(
                    (option) => option.dataset.product === chosen
                )
            );
        }
    }

    onUseDocument(ev) {
        const input = this.el.querySelector("input[name='doc_reference']");
        input.value = ev.currentTarget.dataset.name;
        input.focus();
    }

    // ------------------------------------------------------------------
    // Validation
    // ------------------------------------------------------------------

    onFieldEdited(ev) {
        const name = ev.currentTarget.name;
        this.touched.add(name);
        if (name === "incident_class") {
            this.touched.add("steps_to_reproduce");
        }
        this.showErrors(this.validate(), this.touched);
    }

    onFieldTyped(ev) {
        if (this.touched.has(ev.currentTarget.name)) {
            this.showErrors(this.validate(), this.touched);
        }
    }

    onSubmit(ev) {
        const errors = this.validate();
        const names = Object.keys(errors);
        for (const field of this.el.querySelectorAll("[data-konus-check]")) {
            this.touched.add(field.name);
        }
        this.showErrors(errors, this.touched);
        const summary = this.el.querySelector("#konus_form_errors_client");
        summary.classList.toggle("d-none", !names.length);
        if (names.length) {
            ev.preventDefault();
            summary.textContent = _t(
                "The request is not sent yet: please correct the fields marked below."
            );
            const first = this.el.querySelector(`[name='${names[0]}']`);
            if (first) {
                first.focus();
            }
            return;
        }
        // Sent once: a second click while the page loads files nothing twice.
        for (const button of this.el.querySelectorAll("button[type='submit']")) {
            button.disabled = true;
        }
    }

    value(name) {
        const fields = this.el.querySelectorAll(`[name='${name}']`);
        for (const field of fields) {
            if (field.type !== "radio" || field.checked) {
                return (field.value || "").trim();
            }
        }
        return "";
    }

    /**
     * ``{field name: message}`` for every field filled wrongly, in the order
     * of the form.
     */
    validate() {
        const errors = {};
        const present = (name) => this.el.querySelector(`[name='${name}']`);
        if (this.isCustomer) {
            if (present("contract_id") && !this.value("contract_id")) {
                errors.contract_id = _t(
                    "Choose the contract or certificate of your organisation."
                );
            }
            if (
                present("supported_product_id") &&
                !this.value("supported_product_id")
            ) {
                errors.supported_product_id = _t(
                    "Choose the product or project that has the problem."
                );
            }
            if (present("support_type_id") && !this.value("support_type_id")) {
                errors.support_type_id = _t("Choose the kind of support needed.");
            }
            const incidentClass = this.value("incident_class");
            if (present("incident_class") && !incidentClass) {
                errors.incident_class = _t(
                    "Choose what happened: a failure, a fault or a question."
                );
            }
        }
        const subject = this.value("subject");
        if (!subject) {
            errors.subject = _t("Write a short subject of the request.");
        } else if (this.maxSubject && subject.length > this.maxSubject) {
            errors.subject = _t("The subject must be at most %(max)s characters.", {
                max: this.maxSubject,
            });
        }
        const question = this.value("description").replace(/\s/g, "");
        if (question.length < Math.max(this.minQuestion, 1)) {
            errors.description = _t(
                "Write your question in a few words at least (%(min)s letters).",
                {min: this.minQuestion}
            );
        }
        const incidentClass = this.value("incident_class");
        if (
            this.isCustomer &&
            incidentClass &&
            incidentClass !== "consultation" &&
            !this.value("steps_to_reproduce")
        ) {
            errors.steps_to_reproduce = _t(
                "Describe the actions after which the problem appears."
            );
        }
        return errors;
    }

    showErrors(errors, names) {
        for (const name of names) {
            const fields = this.el.querySelectorAll(`[name='${name}']`);
            if (!fields.length) {
                continue;
            }
            const message = errors[name] || "";
            for (const field of fields) {
                field.classList.toggle("is-invalid", Boolean(message));
                field.setAttribute("aria-invalid", message ? "true" : "false");
            }
            let feedback = this.el.querySelector(`[data-error-for='${name}']`);
            if (!feedback) {
                feedback = document.createElement("div");
                feedback.className = "invalid-feedback d-block";
                feedback.dataset.errorFor = name;
                const last = fields[fields.length - 1];
                const container =
                    last.closest("fieldset, .col-md-7") || last.parentElement;
                container.appendChild(feedback);
            }
            feedback.textContent = message;
            feedback.classList.toggle("d-none", !message);
        }
    }
}

registry
    .category("public.interactions")
    .add("konus_helpdesk.request_form", KonusRequestForm);
