# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time
from lxml import etree

from .sla_common import SlaCase, ulan_ude

# Monday 2 March 2026 in Ulan-Ude: tickets at 09:00, read at 09:30.
CREATED = ulan_ude(2026, 3, 2, 9, 0)
READ = ulan_ude(2026, 3, 2, 9, 30)


class TestScaleQueries(SlaCase):
    """The engineers' ticket list costs the same number of queries whatever
    the number of rows on its page (issue 15: the working hours left were
    counted ticket by ticket, two calendar searches per row)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time(CREATED):
            cls.tickets = cls.env["helpdesk.ticket"].create(
                [
                    {
                        "name": f"Запрос {i}",
                        "description": "<p>Не работает обмен</p>",
                        "team_id": cls.team.id,
                        "stage_id": cls.stage_new.id,
                        "partner_id": cls.customer.id,
                        "user_id": cls.engineer.id,
                        "incident_class": ("critical", "non_critical")[i % 2],
                    }
                    for i in range(80)
                ]
            )
            cls.env.flush_all()

    def _list_specification(self, Ticket):
        """What the web client asks for: the fields of the list view."""
        arch = etree.fromstring(
            Ticket.get_views([(False, "list")])["views"]["list"]["arch"]
        )
        specification = {}
        for node in arch.iterchildren("field"):
            field = Ticket._fields[node.get("name")]
            relational = field.type in ("many2one", "many2many", "one2many")
            specification[field.name] = (
                {"fields": {"display_name": {}}} if relational else {}
            )
        return specification

    def _read_page(self, limit):
        """(queries, records) of the list's first page of ``limit`` rows."""
        Ticket = self.env["helpdesk.ticket"].with_user(self.engineer)
        specification = self._list_specification(Ticket)
        self.assertIn("sla_remaining_hours", specification)
        domain = [("team_id", "=", self.team.id)]
        Ticket.web_search_read(domain, specification, limit=limit)  # caches warm
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        page = Ticket.web_search_read(domain, specification, limit=limit)
        return self.env.cr.sql_log_count - before, page["records"]

    def test_list_page_costs_the_same_for_8_and_80_rows(self):
        with freeze_time(READ):
            self._read_page(80)  # what is cached once per worker, cached
            queries_8, rows_8 = self._read_page(8)
            queries_80, rows_80 = self._read_page(80)
        self.assertEqual((len(rows_8), len(rows_80)), (8, 80))
        # The page really counts running clocks.
        self.assertTrue(all(row["sla_remaining_hours"] > 0 for row in rows_80))
        self.assertEqual(queries_80, queries_8)

    def test_remaining_hours_same_one_by_one_and_in_batch(self):
        with freeze_time(READ):
            batch = {t.id: t.sla_remaining_hours for t in self.tickets}
            self.env.invalidate_all()
            alone = {
                t.id: self.env["helpdesk.ticket"].browse(t.id).sla_remaining_hours
                for t in self.tickets
            }
        self.assertEqual(batch, alone)
        self.assertEqual(
            {round(hours, 6) for hours in batch.values()},
            {0.5, 3.5},
            "half an hour used of the first response targets (1 h and 4 h)",
        )
