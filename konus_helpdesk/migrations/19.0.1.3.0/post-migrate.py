# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo import SUPERUSER_ID, api

REGULATION_SHIPPED_BEFORE = ("1.0", datetime.date(2026, 1, 1))


def set_decline_mail(env):
    """A request closed unsolved gets the decline mail (the §4.6 reason, how
    to object), not the closing mail, where the team writes its own mails.
    The shipped team is ``noupdate``: it is given the new template only where
    it still writes its own closing mail and has no decline mail yet."""
    team = env.ref("konus_helpdesk.team_konus_support", raise_if_not_found=False)
    if team and team.closing_template_id and not team.decline_template_id:
        team.decline_template_id = env.ref(
            "konus_helpdesk.mail_template_customer_declined"
        )


def unname_shipped_regulation(env):
    """The regulation shipped with the module was given a version "1.0" and
    a date, 1 January 2026, that its text does not carry. Where the database
    still has them as shipped, the version is named for what it is and the
    date is left for the head of support to enter (its record is
    ``noupdate``)."""
    regulation = env.ref("konus_helpdesk.regulation_current", raise_if_not_found=False)
    if (
        regulation
        and (
            regulation.name,
            regulation.date_effective,
        )
        == REGULATION_SHIPPED_BEFORE
    ):
        regulation.write({"name": "без номера", "date_effective": False})


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    set_decline_mail(env)
    unname_shipped_regulation(env)
