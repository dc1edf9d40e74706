from . import konus_phone_request
