#!/usr/bin/env bash
# Placeholder until the e2e layer lands: nothing to provision yet.
set -euo pipefail
exit 0
