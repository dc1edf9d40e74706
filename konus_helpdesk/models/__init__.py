from . import konus_calendar_special_day
from . import resource_calendar
from . import resource_calendar_leaves
