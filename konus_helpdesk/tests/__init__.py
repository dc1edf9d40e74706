from . import test_install
from . import test_portal_smoke
