"""Defaults for the keys of JWT_AUTH: a deployment's JWT_AUTH overrides them one by one."""
from django.conf import settings

DEFAULTS = {
    'JWT_ISSUER': 'http://localhost:18000/oauth2',
    'JWT_LEEWAY': 1,
    'JWT_VERIFY_EXPIRATION': True,
}


def get_setting(name):
    """The value of one key of JWT_AUTH, else its default."""
    return settings.JWT_AUTH.get(name, DEFAULTS[name])
