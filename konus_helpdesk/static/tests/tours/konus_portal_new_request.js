/* Copyright 2026 Konus (Ulan-Ude)
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

/* A customer files a §4.4 request from the portal; the test checks the ticket. */
registry.category("web_tour.tours").add("konus_portal_new_request", {
    url: "/new/ticket",
    steps: () => [
        {
            content: "The form reminds to consult the manual first (§4.3)",
            trigger: "#konus_manual_reminder",
        },
        {
            content: "Choose the contract",
            trigger: "select[name='contract_id']",
            run: "selectByLabel ДТП-A-1",
        },
        {
            content: "Only the products of that contract are offered",
            trigger:
                "select[name='supported_product_id']:has(option[disabled]:contains('Сервер (А)'))",
        },
        {
            content: "Choose the product",
            trigger: "select[name='supported_product_id']",
            run: "selectByLabel 1С:Бухгалтерия",
        },
        {
            content: "Choose the kind of support",
            trigger: "select[name='support_type_id']",
            run: "selectByLabel Remote connection",
        },
        {
            content: "A non-critical incident",
            trigger: "input[name='incident_class'][value='non_critical']",
            run: "check",
        },
        {
            content: "Subject",
            trigger: "input[name='subject']",
            run: "edit Не проводится реализация — тур",
        },
        {
            content: "The question",
            trigger: "textarea[name='description']",
            run: "edit Документ реализации не проводится, выдаёт ошибку учёта",
        },
        {
            content: "Steps to reproduce",
            trigger: "textarea[name='steps_to_reproduce']",
            run: "edit 1. Открыть реализацию 2. Нажать «Провести»",
        },
        {
            content: "Documentation reference",
            trigger: "input[name='doc_reference']",
            run: "edit Руководство пользователя, раздел 4.2",
        },
        {
            content: "Send",
            trigger: "form#konus_request_form button[type='submit']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The new request is shown with its contract",
            trigger: "h3:contains('Не проводится реализация — тур')",
        },
        {
            trigger: "div:contains('ДТП-A-1')",
        },
    ],
});
