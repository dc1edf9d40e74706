# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Russian production calendar («производственный календарь») and
Buryatia's Sagaalgan as plain date arithmetic, without the ORM.

Vocabulary (the kinds of a special day):

- ``holiday``: a federal non-working holiday of Labour Code art. 112
  (1–6 and 8 January, 7 January, 23 February, 8 March, 1 and 9 May,
  12 June, 4 November);
- ``transfer``: a day off moved by a government decree (a holiday that fell
  on a weekend, or a Saturday/Sunday swapped with a weekday);
- ``regional``: a non-working day of the Republic of Buryatia (Sagaalgan,
  the first day of the lunar White Month, fixed each year by a decree of the
  Head of the Republic, moved to the next working day when it falls on a
  weekend or a federal day off);
- ``working_weekend``: a Saturday or Sunday made a working day by decree;
- ``shortened``: a working day one hour shorter (Labour Code art. 95): the
  working day immediately before a non-working holiday (not when a weekend
  or a transferred day off stands between), and a working weekend day that
  replaces such a pre-holiday weekday.  On a weekend date it is a working
  weekend day that is also shortened (2024-11-02).

Everything here is a pure function of its arguments: the models call it.
"""

from dataclasses import dataclass
from datetime import date, timedelta

HOLIDAY = "holiday"
TRANSFER = "transfer"
REGIONAL = "regional"
WORKING_WEEKEND = "working_weekend"
SHORTENED = "shortened"

# Labour Code art. 112 (in force since 2013), as (month, day).
FIXED_HOLIDAYS = (
    (1, 1),
    (1, 2),
    (1, 3),
    (1, 4),
    (1, 5),
    (1, 6),
    (1, 7),
    (1, 8),
    (2, 23),
    (3, 8),
    (5, 1),
    (5, 9),
    (6, 12),
    (11, 4),
)

# Sagaalgan as declared non-working by the decrees of the Head of the Republic
# of Buryatia «О празднике Белого месяца "Сагаалган" в N году» (the date
# already moved off a weekend / federal day off when the decree moved it).
# Sources: 2020 bur.aif.ru (decree of 6 Dec 2019: 24 Feb is a federal day off,
# moved to 25 Feb); 2021 burunen.ru (decree of 23 Dec 2020: 12 Feb); 2023
# ulan.mk.ru, dzen.ru/Байкал-Daily (decree of 6 Dec 2022: 21 Feb); 2025
# newbur.ru (1 Mar is a Saturday, moved to 3 Mar); 2026 buryatiya-news.ru
# (decree of Dec 2025: 18 Feb). 2022 and 2024: the republic's published dates
# (1 Feb 2022; 10 Feb 2024 is a Saturday, moved to 12 Feb).
SAGAALGAN_DECREES = {
    2020: date(2020, 2, 25),
    2021: date(2021, 2, 12),
    2022: date(2022, 2, 1),
    2023: date(2023, 2, 21),
    2024: date(2024, 2, 12),
    2025: date(2025, 3, 3),
    2026: date(2026, 2, 18),
}

NON_WORKING_KINDS = (HOLIDAY, TRANSFER, REGIONAL)
# Kinds that make a date a working day, also on a weekend.
WORKING_KINDS = (WORKING_WEEKEND, SHORTENED)
# Labour Code art. 95: a pre-holiday day is one working hour shorter.
SHORTENED_BY = 1.0
# Days off that shorten the working day before them (art. 95): holidays,
# federal or regional, but not transferred days off.
PRE_HOLIDAY_KINDS = (HOLIDAY, REGIONAL)


@dataclass(frozen=True)
class SpecialDay:
    day: date
    kind: str
    confirmed: bool = True
    note: str = ""


def is_weekend(day):
    return day.weekday() >= 5


def is_working_day(day, days):
    """Whether ``day`` is worked, given ``days`` = {date: SpecialDay}."""
    special = days.get(day)
    if special is None:
        return not is_weekend(day)
    return special.kind not in NON_WORKING_KINDS


def shortened_days(days, replaced=None):
    """The shortened pre-holiday days implied by ``days``.

    :param days: {date: SpecialDay} of non-working days and working weekend
        days (shortened days in it are ignored);
    :param replaced: {working weekend date: the weekday whose day off it
        took}, from the transfer decree;
    :return: set of dates.
    """
    replaced = replaced or {}
    holidays = {d for d, s in days.items() if s.kind in PRE_HOLIDAY_KINDS}
    result = set()
    for holiday in holidays:
        before = holiday - timedelta(days=1)
        if before not in holidays and is_working_day(before, days):
            result.add(before)
    for weekend_day, weekday in replaced.items():
        special = days.get(weekend_day)
        if not special or special.kind != WORKING_WEEKEND or is_weekend(weekday):
            continue
        # The replaced weekday would have been a pre-holiday day in the plain
        # calendar: its working time moves to the weekend day, shortened too.
        if weekday + timedelta(days=1) in holidays:
            result.add(weekend_day)
    return result


def shortened_spans(spans, length=SHORTENED_BY):
    """What art. 95 takes from a shortened day: its last ``length`` hours of
    working time, given the day's working ``spans`` as ``(hour_from,
    hour_to)`` floats; across a break when the last period is shorter.
    Returns sorted ``(hour_from, hour_to)`` pairs."""
    result = []
    left = length
    for hour_from, hour_to in sorted(spans, reverse=True):
        if left <= 0:
            break
        cut = min(left, hour_to - hour_from)
        if cut > 0:
            result.append((hour_to - cut, hour_to))
            left -= cut
    return sorted(result)


def next_working_day(day, days):
    while not is_working_day(day, days):
        day += timedelta(days=1)
    return day


def fixed_holidays(year, confirmed=True):
    return {
        date(year, m, d): SpecialDay(date(year, m, d), HOLIDAY, confirmed)
        for m, d in FIXED_HOLIDAYS
    }


def lunar_sagaalgan(year):
    """The first day of the lunar White Month as Mongolia's Tsagaan Sar,
    a prediction only (Buryatia's decree may differ by a day)."""
    import holidays

    mongolia = holidays.MN(years=year, language="en_US")
    dates = sorted(d for d, name in mongolia.items() if "Lunar" in name)
    return dates[0] if dates else None


def ru_known_until():
    """The last year for which the holidays package knows the decrees."""
    import holidays

    russia = holidays.RU(years=date.today().year)
    known = set(getattr(russia, "special_public_holidays", {}))
    known |= set(getattr(russia, "special_public_holidays_observed", {}))
    return max(known) if known else date.today().year


def federal_year(year):
    """(days, replaced) of one year from the holidays package: holidays,
    transferred days off, working weekend days; ``replaced`` maps a working
    weekend day to the weekday whose day off it took."""
    import holidays

    if year > ru_known_until():
        return fixed_holidays(year, confirmed=False), {}
    russia = holidays.RU(years=year, language="ru")
    fixed = {(m, d) for m, d in FIXED_HOLIDAYS}
    days = {}
    for day, name in russia.items():
        if day.year != year:
            continue
        kind = HOLIDAY if (day.month, day.day) in fixed else TRANSFER
        days[day] = SpecialDay(day, kind, True, name)
    for day in sorted(russia.weekend_workdays):
        if day.year == year:
            days[day] = SpecialDay(day, WORKING_WEEKEND, True, "")
    replaced = {}
    for item in russia.special_public_holidays.get(year, ()):
        # (to_month, to_day, from_month, from_day[, from_year]): the day off
        # moves to "to" from the weekend day "from", which becomes working.
        if len(item) < 4 or isinstance(item[2], str):
            continue
        to_day = date(year, item[0], item[1])
        from_day = date(item[4] if len(item) > 4 else year, item[2], item[3])
        if from_day in days and days[from_day].kind == WORKING_WEEKEND:
            replaced[from_day] = to_day
    return days, replaced


def production_calendar(years, buryatia=True):
    """{date: SpecialDay} for ``years``: federal holidays, transfers, working
    weekend days, Sagaalgan (when ``buryatia``) and shortened days."""
    years = sorted(set(years))
    if not years:
        return {}
    known_until = ru_known_until()
    days, replaced = {}, {}
    # The next year's 1 January decides whether 31 December is shortened.
    for year in range(years[0], years[-1] + 2):
        year_days, year_replaced = federal_year(year)
        days.update(year_days)
        replaced.update(year_replaced)
        if buryatia:
            sagaalgan = sagaalgan_day(year, days)
            if sagaalgan:
                days[sagaalgan.day] = sagaalgan
    for day in shortened_days(days, replaced):
        days[day] = SpecialDay(day, SHORTENED, day.year <= known_until)
    return {day: special for day, special in days.items() if day.year in years}


def sagaalgan_day(year, days):
    """Sagaalgan of ``year``: the decree's date, else the lunar date moved to
    the next working day, unconfirmed."""
    if year in SAGAALGAN_DECREES:
        return SpecialDay(SAGAALGAN_DECREES[year], REGIONAL, True, "Сагаалган")
    lunar = lunar_sagaalgan(year)
    if not lunar:
        return None
    return SpecialDay(
        next_working_day(lunar, days),
        REGIONAL,
        False,
        f"Сагаалган (по лунному календарю {lunar.isoformat()}, указа ещё нет)",
    )
