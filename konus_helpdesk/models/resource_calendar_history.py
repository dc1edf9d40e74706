# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

# The Russian production calendar as the holidays package knows it.
FIRST_KNOWN_YEAR = 1992


class ResourceCalendar(models.Model):
    """The production calendar over the history of the requests: the working
    hours of a 2024 request are counted on 2024's calendar. The yearly sync
    covers the years from the oldest request (requests imported from an
    older system included) to next year; the head of support may sync any
    range of past years by hand."""

    _inherit = "resource.calendar"

    konus_sync_year_from = fields.Integer(
        string="Sync from year",
        help="First year of the production calendar to fill in by hand.",
    )
    konus_sync_year_to = fields.Integer(
        string="Sync to year",
        help="Last year of the production calendar to fill in by hand.",
    )

    def _konus_sync_years(self):
        years = super()._konus_sync_years()
        oldest = self._konus_oldest_request_year()
        if oldest and oldest < years.start:
            return range(oldest, years.stop)
        return years

    @api.model
    def _konus_oldest_request_year(self):
        """The year of the oldest request of any company (0 without one)."""
        [(oldest,)] = (
            self.env["helpdesk.ticket"]
            .sudo()
            .with_context(active_test=False)
            ._read_group([], [], ["create_date:min"])
        )
        return oldest.year if oldest else 0

    def action_konus_sync_year_range(self):
        """Sync the production calendar of the years chosen on the form."""
        self.ensure_one()
        first, last = (
            self.konus_sync_year_from,
            self.konus_sync_year_to or (self.konus_sync_year_from),
        )
        this_year = fields.Date.context_today(self).year
        if not first or first > last:
            raise UserError(self.env._("Choose the first and the last year to sync."))
        if first < FIRST_KNOWN_YEAR or last > this_year + 1:
            raise UserError(
                self.env._(
                    "The production calendar can be synced from %(first)s to %(last)s.",
                    first=FIRST_KNOWN_YEAR,
                    last=this_year + 1,
                )
            )
        summary = self._konus_sync_special_days(range(first, last + 1))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Production calendar synced"),
                "message": self.env._(
                    "Created: %(created)s, updated: %(updated)s, removed: "
                    "%(removed)s, manual days kept: %(manual)s.",
                    **summary,
                ),
                "type": "success",
                "sticky": True,
            },
        }
