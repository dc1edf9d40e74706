# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo import SUPERUSER_ID, api

SHIPPED_BEFORE = ("1.0", datetime.date(2026, 1, 1))


def migrate(cr, version):
    """The regulation shipped with the module was given a version "1.0" and
    a date, 1 January 2026, that its text does not carry. Where the database
    still has them as shipped, the version is named for what it is and the
    date is left for the head of support to enter (its record is
    ``noupdate``)."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    regulation = env.ref("konus_helpdesk.regulation_current", raise_if_not_found=False)
    if regulation and (regulation.name, regulation.date_effective) == SHIPPED_BEFORE:
        regulation.write({"name": "без номера", "date_effective": False})
