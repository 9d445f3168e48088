"""
Settings of the demo IDA, laid out the OEP-45 way.

``required.py`` lists what an operator must provide, ``defaults.py`` holds
production-ready defaults, and this module applies the YAML file named by the
``DEMO_CFG`` environment variable on top of both.
"""
import os

import yaml

from .required import *  # noqa: F401,F403  pylint: disable=wildcard-import
from .defaults import *  # noqa: F401,F403  pylint: disable=wildcard-import

#: Dict settings that a YAML file updates key by key instead of replacing them.
DICT_UPDATE_KEYS = ('JWT_AUTH',)

# One YAML file per environment: devstack.yml, test.yml, or the production file.
with open(os.environ['DEMO_CFG'], encoding='utf-8') as _config_file:
    _yaml_settings = yaml.safe_load(_config_file) or {}

# Merge the partial dicts first, so that the blanket update below cannot replace them.
for _key in DICT_UPDATE_KEYS:
    _partial = _yaml_settings.pop(_key, None)
    if _partial:
        vars()[_key].update(_partial)

# Every other key becomes (or replaces) the setting of the same name.
vars().update(_yaml_settings)

# Extra apps go after the built-in ones rather than replacing them.
INSTALLED_APPS += EXTRA_APPS
