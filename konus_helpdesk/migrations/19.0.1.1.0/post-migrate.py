# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The identification request's template now shows plain fields only
    (the missing items come as a list field). The record is ``noupdate``:
    take the new body where the customer kept the one shipped before."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    template = env.ref(
        "konus_helpdesk.mail_template_identification_request",
        raise_if_not_found=False,
    )
    body = template and template.with_context(lang="en_US").body_html or ""
    if "object.missing_info or" in body:
        template.reset_template()
