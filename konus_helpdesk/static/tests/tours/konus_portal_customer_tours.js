/* Copyright 2026 Konus (Ulan-Ude)
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

/*
 * A Russian-speaking customer in the portal (tests/test_portal_tours.py
 * builds the data and checks the records after each tour). The steps look for
 * the Russian texts the page shows: an English label fails the tour.
 */
const tours = registry.category("web_tour.tours");

const FORM = "form#konus_request_form";
const SHOWN_DOCS = ".konus_product_docs:not(.d-none)";

/* A request with mistakes first: told in Russian while typing, nothing lost;
 * corrected and sent, the number confirmed. */
tours.add("konus_portal_request_validation", {
    url: "/new/ticket",
    steps: () => [
        {
            content: "The browser's own (English) bubbles are off",
            trigger: `${FORM}[novalidate]`,
        },
        {
            content: "The identification items of §4.4 are explained",
            trigger: "#konus_identification_note:contains('идентифицирующую')",
        },
        {
            content: "Choose the product",
            trigger: "select[name='supported_product_id']",
            run: "selectByLabel 1С:Бухгалтерия (А)",
        },
        {
            content: "Its documentation shows before anything is written (§4.3)",
            trigger: `${SHOWN_DOCS}:contains('Документация этого продукта')`,
        },
        {
            trigger: `${SHOWN_DOCS} a:contains('Руководство по эксплуатации')`,
        },
        {
            content: "Refer to the operating manual",
            trigger: `${SHOWN_DOCS} button.konus_use_document[data-name='Руководство по эксплуатации']:contains('Сослаться на этот документ')`,
            run: "click",
        },
        {
            content: "The documentation reference names it",
            trigger: "input[name='doc_reference']:value(Руководство по эксплуатации)",
        },
        {
            trigger: "select[name='support_type_id']",
            run: "selectByLabel Удалённое подключение",
        },
        {
            trigger: "input[name='incident_class'][value='non_critical']",
            run: "check",
        },
        {
            trigger: "input[name='subject']",
            run: "edit Не проводится реализация — тур",
        },
        {
            content: "A question too short to be one",
            trigger: "textarea[name='description']",
            run: "edit Ошибка && click body",
        },
        {
            content: "Told in Russian as soon as the field is left",
            trigger:
                "[data-error-for='description']:contains('Сформулируйте вопрос'):contains('не менее 10 букв')",
        },
        {
            content: "Send with the mistakes",
            trigger: `${FORM} button[type='submit']`,
            run: "click",
        },
        {
            content: "Not sent: said in Russian",
            trigger:
                "#konus_form_errors_client:contains('Обращение ещё не отправлено')",
        },
        {
            trigger:
                "[data-error-for='steps_to_reproduce']:contains('Опишите последовательность действий')",
        },
        {
            content: "Nothing typed is lost",
            trigger: "input[name='subject']:value(Не проводится реализация — тур)",
        },
        {
            trigger: "input[name='doc_reference']:value(Руководство по эксплуатации)",
        },
        {
            trigger: "textarea[name='description']",
            run: "edit Документ реализации не проводится, выдаёт ошибку учёта",
        },
        {
            trigger: "textarea[name='steps_to_reproduce']",
            run: "edit 1. Открыть реализацию 2. Нажать «Провести»",
        },
        {
            content: "Corrected: no mistake left",
            trigger: `${FORM}:not(:has(.is-invalid))`,
        },
        {
            content: "Send",
            trigger: `${FORM} button[type='submit']`,
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The registration is confirmed with the request's number",
            trigger: "#konus_ticket_created:contains('зарегистрировано под номером')",
        },
        {
            trigger: "#konus_ticket_created strong:contains('HT')",
        },
    ],
});

/* The support service asked for information (§4.5): the customer answers on
 * the request's page with a file; the request goes back to work. */
tours.add("konus_portal_answer_information", {
    steps: () => [
        {
            content: "The request waits for the customer",
            trigger:
                "#konus_ticket_status[data-status='waiting']:contains('Ожидает вашей информации')",
        },
        {
            trigger: "#chatterRoot:shadow .o-mail-Composer-input",
            run: "edit Версия платформы 8.3.25, журнал ошибки во вложении",
        },
        {
            content: "Attach a screenshot",
            trigger: "#chatterRoot:shadow .o-mail-Composer",
            run() {
                const input = document
                    .querySelector("#chatterRoot")
                    .shadowRoot.querySelector(".o-mail-Composer .o_input_file");
                const files = new DataTransfer();
                files.items.add(
                    new File(["ошибка учёта"], "zhurnal-oshibki.log", {
                        type: "text/plain",
                    })
                );
                input.files = files.files;
                input.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {
            trigger:
                "#chatterRoot:shadow .o-mail-AttachmentContainer:not(.o-isUploading):contains(zhurnal-oshibki.log)",
        },
        {
            content: "Send the answer",
            trigger: "#chatterRoot:shadow .o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            trigger:
                "#chatterRoot:shadow .o-mail-Message:contains(Версия платформы 8.3.25)",
        },
        {
            content: "Read the page again",
            trigger: "#konus_ticket_status",
            run() {
                window.location.reload();
            },
            expectUnloadPage: true,
        },
        {
            content: "Back to work",
            trigger:
                "#konus_ticket_status[data-status='in_progress']:contains('В работе')",
        },
    ],
});

/* A request closed too early is registered again (§5.5). */
tours.add("konus_portal_reregister", {
    steps: () => [
        {
            trigger: "#konus_ticket_status[data-status='solved']:contains('Решено')",
        },
        {
            content: "Register it again",
            trigger:
                "a#konus_reregister:contains('Проблема не решена: зарегистрировать повторно')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "h3:contains('Повторная регистрация обращения')",
        },
        {
            trigger: "textarea[name='description']",
            run: "edit Ошибка снова появляется после обновления",
        },
        {
            trigger: "form button[type='submit']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The new request names the one it re-registers",
            trigger:
                "#konus_ticket_regulation:contains('Повторная регистрация обращения') a:contains('HT')",
        },
    ],
});

/* From the home page to a contract, its product and the product's
 * documentation (§4.3). */
tours.add("konus_portal_contract_documents", {
    url: "/my",
    steps: () => [
        {
            trigger: "a[href='/my/contracts']:contains('Договоры и сертификаты')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Only the customer's own contracts",
            trigger: "body:not(:contains('СТП-B-1'))",
        },
        {
            trigger: "a:contains('ДТП-A-1')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "#konus_contract h3:contains('ДТП-A-1')",
        },
        {
            content: "The covered product",
            trigger: "#konus_contract_products a:contains('1С:Бухгалтерия (А)')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "#konus_product h4:contains('Документация')",
        },
        {
            content: "Its user guide, by the access-checked route",
            trigger:
                "#konus_product_documents a[href*='/documents/']:contains('Руководство пользователя')",
        },
        {
            trigger:
                "#konus_product_documents small:contains('Руководство по эксплуатации')",
        },
    ],
});

/* The regulation (§2.3) from the home page and from a request's page. */
tours.add("konus_portal_regulation", {
    url: "/my",
    steps: () => [
        {
            trigger:
                "a[href='/my/regulation']:contains('Регламент технической поддержки')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger:
                "#konus_regulation h2:contains('Регламент технической поддержки, редакция'):contains('9.9-тур')",
        },
        {
            trigger:
                "#konus_regulation_body:contains('Порядок оказания поддержки (тур)')",
        },
        {
            content: "Go to the customer's requests",
            trigger: "#konus_regulation",
            run() {
                window.location.href = "/my/tickets";
            },
            expectUnloadPage: true,
        },
        {
            trigger: "a:contains('Запрос для тура')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The request's page links the regulation",
            trigger:
                "#konus_ticket_regulation a:contains('Регламент технической поддержки')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger:
                "#konus_regulation_body:contains('Порядок оказания поддержки (тур)')",
        },
    ],
});
