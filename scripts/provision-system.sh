#!/usr/bin/env bash
# Installs the Debian packages the test layers need, only when missing. Needs root (CI runs as root).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
# PyYAML, for the unit test that holds the YAML model to PyYAML's own verdicts.
python3 -c 'import yaml' >/dev/null 2>&1 || need+=(python3-yaml)
# pre-commit, for the package test that runs our hook (.pre-commit-hooks.yaml) with `pre-commit try-repo`.
command -v pre-commit >/dev/null 2>&1 || need+=(pre-commit)
# nodeenv (a dependency of Debian's pre-commit, named for the hook's `language: node`).
/usr/bin/python3 -c 'import nodeenv' >/dev/null 2>&1 || need+=(nodeenv)
# Real LSP clients for test/e2e/editors.test.ts: Neovim's built-in client, Emacs with eglot.
command -v nvim >/dev/null 2>&1 || need+=(neovim)
command -v emacs >/dev/null 2>&1 || need+=(emacs-nox)
[ -d /usr/share/emacs/site-lisp/elpa-src ] && ls -d /usr/share/emacs/site-lisp/elpa-src/eglot-* >/dev/null 2>&1 || need+=(elpa-eglot)
# A real Python environment for the library scanner's tests and benchmark (server/src/libraries/):
# Debian's /usr/lib/python3/dist-packages with the libraries Open edX services read settings for.
for pkg in python3-django python3-celery python3-djangorestframework python3-social-django python3-social-auth-core python3-django-storages python3-django-celery-beat python3-django-cors-headers; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "The end-to-end tests need these Debian packages: ${need[*]}" >&2
    echo "Install them once with: sudo apt-get update && sudo apt-get install -y ${need[*]}" >&2
    exit 1
  fi
  echo "== apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi
echo "== system packages ok: chromium $(chromium --version 2>/dev/null | awk '{print $2}'), rg $(rg --version | head -1 | awk '{print $2}')"
