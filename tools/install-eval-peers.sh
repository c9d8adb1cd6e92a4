#!/usr/bin/env bash
# Installs, from Debian's packages, what the evaluation needs beyond Maven Central:
#   fontconfig, fonts-dejavu-core   fonts for Java2D: JFreeChart draws the plots' text with them (also at build time)
#   chromium                        renders the HTML report headless in the tests (images load, table shows)
#   python3-sklearn, python3-scipy  cross-check our ROC AUC, KS and chi2 on the same predictions CSV in the tests
# A no-op when they are already there. Needs root (apt-get); waits for another apt run's lock instead of failing.
# With --fonts only the fonts: what the main job (the example analysis, whose evaluate goal draws the plots) needs.
set -euo pipefail
need=()
{ command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list 2>/dev/null | head -1)" ]; } || need+=(fontconfig fonts-dejavu-core)
if [ "${1:-}" != "--fonts" ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  /usr/bin/python3 -c 'import sklearn' >/dev/null 2>&1 || need+=(python3-sklearn)
  /usr/bin/python3 -c 'import scipy' >/dev/null 2>&1 || need+=(python3-scipy)
fi
[ ${#need[@]} -eq 0 ] && exit 0
command -v apt-get >/dev/null || { echo "apt-get is required to install ${need[*]} (Debian packages)" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 update -qq
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}"
