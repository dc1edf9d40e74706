from . import test_install
from . import test_portal_smoke
from . import test_production_calendar
from . import test_calendar_special_days
