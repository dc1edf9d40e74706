# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.fields import Domain
from odoo.tools import SQL


class HelpdeskTicket(models.Model):
    """The followers of a request, searched in a form the database can plan
    from its indexes.

    helpdesk_mgmt's portal rule reads "the customer's requests, or those a
    person of the customer follows". mail compiles the second half into
    ``id IN (SELECT res_id FROM mail_followers …)``: PostgreSQL cannot OR a
    sub-select with the partner index, so every page of a customer's list
    and its counter scanned every request of the database (0.1–0.3 s at
    200 000). The same set, written ``id = ANY(ARRAY(SELECT res_id …))``, is
    computed once before the scan and ORed with the partner index (a
    BitmapOr): the same rows, read through two indexes."""

    _inherit = "helpdesk.ticket"

    @api.model
    def _search_message_partner_ids(self, operator, operand):
        # mail's own search checks what a portal user may ask for (only
        # themselves and their organisation), answers the operators it
        # knows and writes the sub-select; only its form is changed here.
        domain = super()._search_message_partner_ids(operator, operand)
        try:
            [(field_name, in_operator, followed)] = domain
        except (TypeError, ValueError):
            return domain
        if (field_name, in_operator) != ("id", "in") or not isinstance(followed, SQL):
            return domain

        def to_sql(model, alias, query):
            return SQL(
                "%s = ANY(ARRAY(%s))",
                model._field_to_sql(alias, "id", query),
                followed,
            )

        return Domain.custom(to_sql=to_sql)
