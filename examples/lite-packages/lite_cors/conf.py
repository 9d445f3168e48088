"""What lite_cors reads from the Django settings, with its defaults."""
from django.conf import settings

# Origins allowed to call the APIs from a browser.
ORIGIN_WHITELIST = getattr(settings, 'CORS_ORIGIN_WHITELIST', ())
# Seconds a browser may cache a preflight answer.
PREFLIGHT_MAX_AGE = getattr(settings, 'CORS_PREFLIGHT_MAX_AGE', 86400)
ALLOW_CREDENTIALS = getattr(settings, 'CORS_ALLOW_CREDENTIALS', False)
