# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import BaseCase, tagged

from odoo.addons.konus_helpdesk.tools import production_calendar as pc


@tagged("post_install", "-at_install")
class TestShortenedDayRule(BaseCase):
    """Labour Code art. 95 as the pure rule, checked against the official
    production calendars (consultant.ru «Производственный календарь на 2024
    / 2025 / 2026 год»)."""

    def _shortened(self, year, buryatia=False):
        days = pc.production_calendar([year], buryatia=buryatia)
        return sorted(d for d, s in days.items() if s.kind == pc.SHORTENED)

    def test_2024_official_shortened_days(self):
        self.assertEqual(
            self._shortened(2024),
            [
                date(2024, 2, 22),
                date(2024, 3, 7),
                date(2024, 5, 8),
                date(2024, 6, 11),
                # working Saturday that took the day off of Tue 30 April,
                # itself a pre-holiday day
                date(2024, 11, 2),
            ],
        )

    def test_2025_and_2026_official_shortened_days(self):
        self.assertEqual(
            self._shortened(2025),
            [date(2025, 3, 7), date(2025, 4, 30), date(2025, 6, 11), date(2025, 11, 1)],
        )
        self.assertEqual(
            self._shortened(2026),
            [date(2026, 4, 30), date(2026, 5, 8), date(2026, 6, 11), date(2026, 11, 3)],
        )

    def test_transfer_or_weekend_between_means_no_shortening(self):
        days = pc.production_calendar([2024, 2025], buryatia=False)
        # 28 Dec 2024 (working Saturday) replaces Mon 30 Dec, followed by a
        # transferred day off, not by the holiday: a full day.
        self.assertEqual(days[date(2024, 12, 28)].kind, pc.WORKING_WEEKEND)
        # 27 Apr 2024 replaces Mon 29 Apr: full day too.
        self.assertEqual(days[date(2024, 4, 27)].kind, pc.WORKING_WEEKEND)
        # Wed 7 May 2025: 8 May is a transferred day off, not a holiday.
        self.assertNotIn(date(2025, 5, 7), days)
        # Fri 6 Mar 2026: a weekend stands before 8 March (Sunday).
        self.assertNotIn(date(2026, 3, 6), pc.production_calendar([2026], False))
        # 31 December is a day off, not a shortened day, in 2024 and 2025.
        self.assertEqual(days[date(2024, 12, 31)].kind, pc.TRANSFER)
        self.assertEqual(days[date(2025, 12, 31)].kind, pc.TRANSFER)

    def test_pure_rule_on_synthetic_days(self):
        holiday = pc.SpecialDay(date(2030, 6, 12), pc.HOLIDAY)
        # Wednesday 12 June 2030: Tuesday is shortened.
        self.assertEqual(pc.shortened_days({holiday.day: holiday}), {date(2030, 6, 11)})
        # A transferred day off on Tuesday: nothing is shortened.
        transfer = pc.SpecialDay(date(2030, 6, 11), pc.TRANSFER)
        self.assertEqual(
            pc.shortened_days({holiday.day: holiday, transfer.day: transfer}), set()
        )
        # A working Saturday replacing that Tuesday is shortened instead.
        saturday = pc.SpecialDay(date(2030, 6, 8), pc.WORKING_WEEKEND)
        self.assertEqual(
            pc.shortened_days(
                {holiday.day: holiday, transfer.day: transfer, saturday.day: saturday},
                {saturday.day: transfer.day},
            ),
            {date(2030, 6, 8)},
        )

    def test_shortened_hour_is_the_last_working_hour(self):
        konus_day = [(8.5, 12.0), (13.0, 17.5)]
        self.assertEqual(pc.shortened_spans(konus_day), [(16.5, 17.5)])
        self.assertEqual(pc.shortened_spans(list(reversed(konus_day))), [(16.5, 17.5)])
        # a last period shorter than the hour: the rest before the break
        self.assertEqual(
            pc.shortened_spans([(8.5, 12.0), (13.0, 13.5)]),
            [(11.5, 12.0), (13.0, 13.5)],
        )
        self.assertEqual(pc.shortened_spans([(9.0, 9.5)]), [(9.0, 9.5)])
        self.assertEqual(pc.shortened_spans([]), [])

    def test_transfers_and_working_weekends_from_holidays_package(self):
        days = pc.production_calendar([2024], buryatia=False)
        kinds = {d: s.kind for d, s in days.items()}
        self.assertEqual(kinds[date(2024, 1, 1)], pc.HOLIDAY)
        self.assertEqual(kinds[date(2024, 1, 7)], pc.HOLIDAY)
        self.assertEqual(kinds[date(2024, 4, 29)], pc.TRANSFER)
        self.assertEqual(kinds[date(2024, 5, 10)], pc.TRANSFER)
        self.assertEqual(kinds[date(2024, 12, 30)], pc.TRANSFER)
        self.assertTrue(all(s.confirmed for s in days.values()))

    def test_sagaalgan_decrees_and_prediction(self):
        days = pc.production_calendar([2024, 2025, 2026, 2027], buryatia=True)
        regional = sorted(
            (d, s.confirmed) for d, s in days.items() if s.kind == pc.REGIONAL
        )
        self.assertEqual(
            regional,
            [
                (date(2024, 2, 12), True),  # 10 Feb was a Saturday
                (date(2025, 3, 3), True),  # 1 Mar was a Saturday
                (date(2026, 2, 18), True),
                # no decree yet: lunar 7 Feb 2027 is a Sunday -> Monday
                (date(2027, 2, 8), False),
            ],
        )
        # Sagaalgan is a non-working holiday: the day before is shortened
        # (Tue 17 Feb 2026; Mon 20 Feb 2023 was, by the republic's calendar).
        self.assertEqual(days[date(2026, 2, 17)].kind, pc.SHORTENED)
        days_2023 = pc.production_calendar([2023], buryatia=True)
        self.assertEqual(days_2023[date(2023, 2, 20)].kind, pc.SHORTENED)
        # A lunar date on a federal day off moves on (2020: 24 Feb -> 25 Feb).
        base = {date(2020, 2, 24): pc.SpecialDay(date(2020, 2, 24), pc.TRANSFER)}
        self.assertEqual(
            pc.next_working_day(date(2020, 2, 22), base), date(2020, 2, 25)
        )

    def test_years_beyond_the_package_are_unconfirmed_fixed_holidays(self):
        year = pc.ru_known_until() + 1
        days = pc.production_calendar([year], buryatia=False)
        holidays = {d for d, s in days.items() if s.kind == pc.HOLIDAY}
        self.assertEqual(holidays, {date(year, m, d) for m, d in pc.FIXED_HOLIDAYS})
        self.assertFalse(any(s.kind == pc.TRANSFER for s in days.values()))
        self.assertFalse(any(s.confirmed for s in days.values()))
