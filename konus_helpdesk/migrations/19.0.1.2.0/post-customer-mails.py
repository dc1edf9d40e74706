# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api

CALENDAR_NAMES = {
    "konus_helpdesk.calendar_ulan_ude": (
        "Konus support, Ulan-Ude (8:30-17:30)",
        "Режим работы СТП «Конус», Улан-Удэ (8:30–17:30)",
    ),
    "konus_helpdesk.calendar_24_7": (
        "24/7 (round the clock)",
        "Круглосуточно (24/7)",
    ),
}


def migrate(cr, version):
    """The regulation's team now writes to its customers itself (its
    acknowledgement and closing mails replace helpdesk_mgmt's stage mails),
    and the shipped calendars have Russian names. Their records are
    ``noupdate``: set what the database still has as shipped before."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    team = env.ref("konus_helpdesk.team_konus_support", raise_if_not_found=False)
    mails = {
        "acknowledgement_template_id": "konus_helpdesk.mail_template_customer_new",
        "reregistration_template_id": (
            "konus_helpdesk.mail_template_customer_reregistered"
        ),
        "closing_template_id": "konus_helpdesk.mail_template_customer_closed",
    }
    if team and not any(team[field] for field in mails):
        team.write({field: env.ref(xmlid).id for field, xmlid in mails.items()})
    for xmlid, (old, new) in CALENDAR_NAMES.items():
        calendar = env.ref(xmlid, raise_if_not_found=False)
        if calendar and calendar.name == old:
            calendar.name = new
