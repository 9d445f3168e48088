"""
Settings without a production-ready default.

Every one of them must be given a value in the YAML file: the demo service does
not know your secrets or where it is deployed.
"""

#: Secret used by Django to sign sessions, password-reset links and other tokens.
#: Use a long random string, different in every environment.
SECRET_KEY: str

#: Database connections in Django's ``DATABASES`` format. The ``default`` entry
#: holds the demo's own tables.
DATABASES: dict[str, dict]

#: Public root URL of this service, without a trailing slash,
#: for example ``https://demo.example.com``.
DEMO_ROOT_URL = None

OAUTH2_CLIENT_ID = ''  #: OAuth2 client id the demo uses to call the LMS on its own behalf.

#: Secret of the OAuth2 client named by ``OAUTH2_CLIENT_ID``.
OAUTH2_CLIENT_SECRET: str = ''
