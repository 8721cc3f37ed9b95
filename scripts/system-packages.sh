#!/usr/bin/env bash
# Debian packages the tests use, installed when missing: Chromium for the browser tests (Playwright's own
# downloads are not used) and the Python packages AWS's SAM translator needs for the template test.
# Needs root and apt-get; anywhere else it says what to install and carries on.
set -u
missing=()
command -v chromium >/dev/null 2>&1 || [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
if [ "${1:-}" != "--browser" ]; then
  /usr/bin/python3 -c 'import pydantic, jsonschema, boto3, yaml' 2>/dev/null \
    || missing+=(python3-pydantic python3-jsonschema python3-boto3 python3-yaml)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${missing[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null) \
    || echo "warning: could not install ${missing[*]}"
else
  echo "warning: please install ${missing[*]} (Debian packages)"
fi
