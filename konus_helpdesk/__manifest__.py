# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Konus Helpdesk",
    "summary": "Technical support by the Konus regulation: contracts, "
    "identification, Buryatia working calendar, SLA",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "category": "After-Sales",
    "author": "Konus",
    "website": "https://konus.group",
    "depends": [
        "helpdesk_mgmt",
        "helpdesk_mgmt_sla",
        "product",
        "resource",
        "portal",
        "mail",
    ],
    "external_dependencies": {"python": ["holidays"]},
    "data": [
        "security/konus_helpdesk_security.xml",
        "security/ir.model.access.csv",
        "security/konus_helpdesk_rules.xml",
        "security/konus_calendar_special_day_rules.xml",
        "data/resource_calendar_data.xml",
        "data/helpdesk_team_data.xml",
        "data/konus_support_type_data.xml",
        "data/helpdesk_sla_data.xml",
        "data/ir_cron_data.xml",
        "data/mail_template_data.xml",
        "views/konus_support_contract_views.xml",
        "views/konus_supported_product_views.xml",
        "views/konus_support_type_views.xml",
        "views/konus_calendar_special_day_views.xml",
        "views/helpdesk_sla_views.xml",
        "views/helpdesk_ticket_sla_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_ticket_templates.xml",
        "views/helpdesk_ticket_team_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "wizards/konus_phone_request_views.xml",
        "views/konus_helpdesk_menus.xml",
    ],
    "demo": [
        "demo/konus_helpdesk_demo.xml",
        "demo/konus_support_demo.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "konus_helpdesk/static/src/js/konus_request_form.esm.js",
        ],
        "web.assets_tests": [
            "konus_helpdesk/static/tests/tours/*.js",
        ],
    },
    "development_status": "Alpha",
}
