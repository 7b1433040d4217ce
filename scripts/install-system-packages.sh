#!/usr/bin/env bash
# Installs the Debian packages giaoban needs at run time and for its tests.
# Fonts: Liberation Serif and Tinos are metric-compatible with Times New Roman
# and cover Vietnamese; libharfbuzz-subset0 keeps WeasyPrint's font subsetting
# fast; poppler-utils and LibreOffice Writer are for reading outputs back in tests;
# SoftHSM2 is the PKCS#11 token the signing tests keep their test keys in.
set -euo pipefail

runtime=(fonts-liberation2 fonts-croscore libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0)
testing=(poppler-utils libreoffice-writer-nogui softhsm2)
# The benchmark's peer: LibreOffice kept running by unoserver, which needs its uno module.
bench=(libreoffice-writer-nogui python3-uno python3-venv)

wanted=("${runtime[@]}")
case "${1:-}" in
    --with-test-tools) wanted+=("${testing[@]}") ;;
    --with-bench-tools) wanted+=("${testing[@]}" "${bench[@]}") ;;
esac

missing=()
for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    SUDO=sudo
else
    SUDO=
fi
echo "Installing system packages: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
