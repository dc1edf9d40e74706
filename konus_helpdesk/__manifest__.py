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
        "resource",
        "portal",
        "mail",
    ],
    "external_dependencies": {"python": ["holidays"]},
    "data": [
        "security/konus_helpdesk_security.xml",
        "security/ir.model.access.csv",
        "data/helpdesk_team_data.xml",
        "data/helpdesk_sla_data.xml",
        "data/ir_cron_data.xml",
        "views/helpdesk_sla_views.xml",
        "views/helpdesk_ticket_sla_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_ticket_templates.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": [
        "demo/konus_helpdesk_demo.xml",
    ],
    "development_status": "Alpha",
}
