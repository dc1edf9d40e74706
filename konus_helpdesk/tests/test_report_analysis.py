# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import subprocess
import tempfile
from datetime import date

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .sla_common import ulan_ude
from .workflow_common import WorkflowDataMixin


class ReportDataMixin(WorkflowDataMixin):
    """A hand-checked March 2026 on the regulation's hours (Mon–Fri
    08:30–12:00 and 13:00–17:30 Ulan-Ude), with Monday 9 March a holiday
    (a special day of the calendar):

    - A, non-critical (4 h / 40 h): registered Fri 6 Mar 11:00, answered
      11:30 (0.5 h), waiting for the customer from 16:00 (11:00–12:00 and
      13:00–16:00: 4 h, across lunch), back at work Tue 10 Mar 10:00 (the
      weekend and the holiday are in the pause), resolved 14:15 (2 h +
      1.25 h): 7.25 h to resolution; both targets met. Re-registered later.
    - B, critical (1 h / 8 h): registered Fri 6 Mar 17:00, answered Tue 10
      Mar 09:30 (0.5 h Friday, nothing over the weekend and the holiday, 1 h
      Tuesday: 1.5 h, breached), resolved 12:00 (0.5 + 3.5 = 4 h, met).
      Complained about.
    - C, non-critical: registered Wed 11 Mar 10:00, declined 11:00 for
      misuse (§4.6): both targets not applicable.
    - D, non-critical: the re-registration of A, Thu 12 Mar 09:00, open.
    """

    @classmethod
    def _setup_report_data(cls):
        cls._setup_workflow_data()
        env = cls.env
        cls.calendar.attendance_ids = [Command.clear()] + [
            Command.create(
                {
                    "name": f"{day} {start}",
                    "dayofweek": str(day),
                    "hour_from": start,
                    "hour_to": stop,
                }
            )
            for day in range(5)
            for start, stop in ((8.5, 12.0), (13.0, 17.5))
        ]
        env["konus.calendar.special.day"].create(
            {"calendar_id": cls.calendar.id, "date": date(2026, 3, 9)}
        )
        cls.stage_done = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.head.tz = "Asia/Irkutsk"
        with freeze_time(ulan_ude(2026, 3, 6, 11, 0)):
            cls.ticket_a = cls._new(incident_class="non_critical")
        with freeze_time(ulan_ude(2026, 3, 6, 11, 30)):
            cls._reply(cls.ticket_a)
        with freeze_time(ulan_ude(2026, 3, 6, 16, 0)):
            cls.ticket_a.stage_id = cls.stage_waiting
        with freeze_time(ulan_ude(2026, 3, 6, 17, 0)):
            cls.ticket_b = cls._new(incident_class="critical")
        with freeze_time(ulan_ude(2026, 3, 10, 9, 30)):
            cls._reply(cls.ticket_b)
        with freeze_time(ulan_ude(2026, 3, 10, 10, 0)):
            cls.ticket_a.stage_id = cls.stage_progress
        with freeze_time(ulan_ude(2026, 3, 10, 12, 0)):
            cls.ticket_b.stage_id = cls.stage_done
        with freeze_time(ulan_ude(2026, 3, 10, 14, 15)):
            cls.ticket_a.stage_id = cls.stage_done
        with freeze_time(ulan_ude(2026, 3, 11, 10, 0)):
            cls.ticket_c = cls._new(incident_class="non_critical")
        with freeze_time(ulan_ude(2026, 3, 11, 11, 0)):
            action = cls.ticket_c.with_user(cls.engineer).action_defer()
            wizard = (
                env[action["res_model"]]
                .with_user(cls.engineer)
                .with_context(**action["context"])
                .create({"reason_id": cls.reason["misuse"].id})
            )
            wizard.action_apply()
        with freeze_time(ulan_ude(2026, 3, 12, 9, 0)):
            cls.ticket_d = cls._new(
                incident_class="non_critical", origin_ticket_id=cls.ticket_a.id
            )
            env["konus.complaint"].create(
                {
                    "ticket_id": cls.ticket_b.id,
                    "partner_id": cls.contact_a.id,
                    "user_id": cls.engineer.id,
                    "description": "Долго не отвечали",
                }
            )
        env.flush_all()

    @classmethod
    def _new(cls, **values):
        ticket = cls.env["helpdesk.ticket"].create(
            cls._identified_ticket_values(user_id=cls.engineer.id, **values)
        )
        # create_date is the transaction's timestamp (NOW() in PostgreSQL),
        # which freeze_time does not move: put it at the frozen moment.
        ticket.flush_recordset()
        cls.env.cr.execute(
            "UPDATE helpdesk_ticket SET create_date = %s WHERE id = %s",
            (fields.Datetime.now(), ticket.id),
        )
        ticket.invalidate_recordset(["create_date"])
        return ticket

    @classmethod
    def _reply(cls, ticket):
        ticket.with_user(cls.engineer).message_post(
            body="Приняли в работу",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    def row(self, ticket):
        return self.env["konus.helpdesk.ticket.report"].search(
            [("ticket_id", "=", ticket.id)]
        )


@tagged("post_install", "-at_install")
@freeze_time(ulan_ude(2026, 3, 12, 10, 0))  # D open for an hour
class TestReportAnalysis(ReportDataMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_report_data()

    def test_working_hours_across_lunch_weekend_holiday_and_pause(self):
        a, b = self.row(self.ticket_a), self.row(self.ticket_b)
        self.assertAlmostEqual(a.first_response_hours, 0.5)
        self.assertAlmostEqual(a.resolution_hours, 4.0 + 3.25)
        self.assertAlmostEqual(b.first_response_hours, 1.5)
        self.assertAlmostEqual(b.resolution_hours, 4.0)
        # One source of truth: the clocks' own figures.
        self.assertAlmostEqual(
            self.clock(self.ticket_a, "resolution").worked_hours, 7.25
        )
        self.assertEqual(a.create_date, ulan_ude(2026, 3, 6, 11, 0))
        self.assertEqual(a.first_response_date, ulan_ude(2026, 3, 6, 11, 30))
        self.assertEqual(a.closed_date, ulan_ude(2026, 3, 10, 14, 15))

    def test_sla_met_breached_declined_running(self):
        a, b, c, d = (
            self.row(t)
            for t in (self.ticket_a, self.ticket_b, self.ticket_c, self.ticket_d)
        )
        self.assertEqual((a.response_sla, a.resolution_sla), ("met", "met"))
        self.assertFalse(a.sla_breached)
        self.assertEqual((b.response_sla, b.resolution_sla), ("breached", "met"))
        self.assertTrue(b.sla_breached)
        self.assertEqual(
            (c.response_sla, c.resolution_sla), ("not_applicable", "not_applicable")
        )
        self.assertTrue(c.declined)
        self.assertFalse(c.sla_breached)
        self.assertEqual(c.deferral_reason_id, self.reason["misuse"])
        self.assertEqual(c.deferral_clause, self.reason["misuse"].clause)
        self.assertEqual((d.response_sla, d.resolution_sla), ("running", "running"))
        self.assertTrue(d.is_open)
        self.assertEqual(
            (a.met_count, b.breached_count, c.met_count + c.breached_count), (1, 1, 0)
        )

    def test_reregistration_and_complaint(self):
        a, b, d = (self.row(t) for t in (self.ticket_a, self.ticket_b, self.ticket_d))
        self.assertTrue(a.was_reregistered)
        self.assertFalse(a.is_reregistration)
        self.assertTrue(d.is_reregistration)
        self.assertEqual(d.origin_ticket_id, self.ticket_a)
        self.assertTrue(b.has_complaint)
        self.assertEqual(b.complaint_count, 1)
        self.assertFalse(a.has_complaint)

    def test_pivot_month_by_class(self):
        Report = self.env["konus.helpdesk.ticket.report"]
        groups = Report._read_group(
            [("contract_id", "=", self.contract_a.id)],
            ["create_date:month", "incident_class"],
            ["__count", "resolution_hours:avg", "breached_count:sum"],
        )
        by_class = {
            cls: (count, hours, breached) for _m, cls, count, hours, breached in groups
        }
        self.assertEqual(by_class["critical"], (1, 4.0, 1))
        count, _hours, breached = by_class["non_critical"]
        self.assertEqual((count, breached), (3, 0))

    def test_access_heads_only_and_company(self):
        Report = self.env["konus.helpdesk.ticket.report"]
        self.assertEqual(len(Report.with_user(self.head).search([])), 4)
        with self.assertRaises(AccessError):
            Report.with_user(self.engineer).search([])
        other = self.env["res.company"].create({"name": "Другая компания"})
        self.head.write(
            {"company_ids": [Command.link(other.id)], "company_id": other.id}
        )
        visible = (
            Report.with_user(self.head)
            .with_context(allowed_company_ids=other.ids)
            .search([])
        )
        self.assertFalse(visible)


@tagged("post_install", "-at_install")
@freeze_time(ulan_ude(2026, 3, 12, 10, 0))
class TestServiceAct(ReportDataMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_report_data()

    def _pdf_text(self, contracts, data):
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                "konus_helpdesk.action_report_service_act", contracts.ids, data=data
            )
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf)
            handle.flush()
            return subprocess.run(
                ["pdftotext", "-layout", handle.name, "-"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout

    def test_act_figures(self):
        text = self._pdf_text(
            self.contract_a, {"date_from": "2026-03-01", "date_to": "2026-03-31"}
        )
        for ticket in (self.ticket_a, self.ticket_b, self.ticket_c, self.ticket_d):
            self.assertIn(ticket.number, text)
        self.assertIn("ДТП-A-1", text)
        self.assertIn("ООО «Тест-Селенга»", text)
        lines = {
            ticket: next(line for line in text.splitlines() if ticket.number in line)
            for ticket in (self.ticket_a, self.ticket_b, self.ticket_c)
        }
        # Registered on the calendar's wall clock (Ulan-Ude, not UTC).
        self.assertIn("3/6/26", text)
        self.assertIn("11:00 AM", text)
        self.assertIn("5:00 PM", text)
        # Working hours as h:mm; none for a declined request.
        self.assertNotIn("0:00", lines[self.ticket_c])
        self.assertIn("0:30", lines[self.ticket_a])
        self.assertIn("7:15", lines[self.ticket_a])
        self.assertIn("1:30", lines[self.ticket_b])
        self.assertIn("4:00", lines[self.ticket_b])
        self.assertIn("Breached", lines[self.ticket_b])
        self.assertIn("applicable", lines[self.ticket_c])
        self.assertEqual(text.count("(declined)"), 2)
        # Totals: critical 1 (0 within SLA), non-critical 3 (1); 1 of 2 judged.
        totals = text[text.index("Totals") :]
        self.assertRegex(totals, r"Critical incident\s+1\s+0")
        self.assertRegex(totals, r"Non-critical incident\s+3\s+1")
        self.assertIn("50.0%", totals)

    def test_act_period_and_default_month(self):
        text = self._pdf_text(
            self.contract_a, {"date_from": "2026-03-07", "date_to": "2026-03-11"}
        )
        self.assertNotIn(self.ticket_a.number, text)
        self.assertIn(self.ticket_c.number, text)
        # Without a period: the current month (March 2026).
        text = self._pdf_text(self.contract_a, None)
        self.assertIn(self.ticket_a.number, text)
        self.assertIn("Period: 03/01/2026 — 03/31/2026", text)
        text = self._pdf_text(
            self.contract_a, {"date_from": "2026-04-01", "date_to": "2026-04-30"}
        )
        self.assertIn("No requests in the period", text)

    def test_wizard_prints_several_contracts(self):
        action = (
            self.env["konus.service.act.wizard"]
            .with_user(self.head)
            .with_context(
                active_model="konus.support.contract",
                active_ids=(self.contract_a | self.contract_b).ids,
            )
            .create({"date_from": date(2026, 3, 1), "date_to": date(2026, 3, 31)})
            .action_print()
        )
        self.assertEqual(action["report_name"], "konus_helpdesk.report_service_act")
        self.assertEqual(
            action["data"], {"date_from": "2026-03-01", "date_to": "2026-03-31"}
        )
        self.assertEqual(
            sorted(action["context"]["active_ids"]),
            sorted((self.contract_a | self.contract_b).ids),
        )


# The English labels of the act's template and of the values it shows.
ACT_ENGLISH = [
    "Report on technical support",
    "Certificate",
    "Contract",
    "from",
    "to",
    "Customer",
    "Period",
    "Times in working hours",
    "time zone",
    "Number",
    "Registered",
    "Product",
    "Class",
    "Kind of support",
    "response",
    "resolution",
    "Deferral",
    "No requests",
    "Totals",
    "Requests",
    "Within SLA",
    "Total",
    "compliance",
    "of",
    "targets reached",
    "Met",
    "Breached",
    "Running",
    "Not applicable",
    "declined",
    "Critical",
    "incident",
    "Misuse",
    "AM",
    "PM",
]


@tagged("post_install", "-at_install")
@freeze_time(ulan_ude(2026, 3, 12, 10, 0))
class TestServiceActRussian(ReportDataMixin, TransactionCase):
    """The act of a Russian-speaking customer is Russian throughout, whoever
    prints it: headings, labels, classes, SLA results, deferral reasons,
    dates and numbers."""

    _pdf_text = TestServiceAct._pdf_text

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_report_data()
        cls.customer_a.lang = "ru_RU"

    def test_act_in_russian(self):
        # Printed by an English-speaking head of support.
        self.env = self.env(user=self.head, context={"lang": "en_US"})
        text = self._pdf_text(
            self.contract_a, {"date_from": "2026-03-01", "date_to": "2026-03-31"}
        )
        for label in (
            "Отчёт об оказанных услугах технической поддержки",
            "Договор ДТП-A-1 с 12.03.2025 по 12.03.2027",
            "Заказчик: ООО «Тест-Селенга»",
            "Период: 01.03.2026 — 31.03.2026",
            "Время — в рабочих часах (ч:мм) по календарю, часовой пояс",
            "Номер",
            "Зарегистрирован",
            "Продукт",
            "Класс",
            "Вид",
            "поддержки",
            "первого",
            "ответа",
            "решения",
            "Отложение /",
            "Итоги",
            "Обращения",
            "В срок по SLA",
            "Соблюдение SLA: 50,0% (1 из 2 обращений с завершёнными сроками SLA).",
        ):
            self.assertIn(label, text)
        for english in ACT_ENGLISH:
            self.assertNotRegex(text, rf"\b{english}\b")
        lines = {
            ticket: next(line for line in text.splitlines() if ticket.number in line)
            for ticket in (self.ticket_a, self.ticket_b, self.ticket_c, self.ticket_d)
        }
        # Registered on the calendar's wall clock, in Russian format.
        self.assertIn("06.03.2026, 11:00", lines[self.ticket_a])
        self.assertIn("06.03.2026, 17:00", lines[self.ticket_b])
        self.assertRegex(lines[self.ticket_a], r"0:30\s+7:15\s+Соблюдён\s+Соблюдён")
        self.assertRegex(lines[self.ticket_b], r"1:30\s+4:00\s+Нарушен\s+Соблюдён")
        self.assertRegex(lines[self.ticket_c], r"применяется\s+применяется")
        self.assertEqual(text.count("(отказ)"), 2)
        self.assertIn("Нарушение", text)  # the deferral reason, in Russian
        self.assertRegex(lines[self.ticket_d], r"Идёт\s+Идёт")
        totals = text[text.index("Итоги") :]
        self.assertRegex(totals, r"Некритичный инцидент\s+3\s+1")
        self.assertRegex(totals, r"Критический инцидент\s+1\s+0")
        self.assertRegex(totals, r"Итого\s+4")
