#!/usr/bin/env bash
# Set up everything bulletin-ingest and its tests need on a fresh Debian machine:
# tesseract with chi_sim, chi_tra, eng and the vertical chi_sim_vert and chi_tra_vert; CJK
# fonts for the sample renderer and the layout zoo (Noto, Ming, Kai, FangSong, Hei); chromium,
# in which the tests open the HTML report; and a virtual environment in .venv with the
# package, its extras and the test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra tesseract-ocr-eng tesseract-ocr-osd
              tesseract-ocr-chi-sim-vert tesseract-ocr-chi-tra-vert
              fonts-noto-cjk fonts-wqy-microhei fonts-arphic-uming fonts-arphic-ukai
              fonts-cwtex-fs chromium)

missing_apt() {
    local missing=()
    for package in "${APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$package")
    done
    echo "${missing[@]:-}"
}

missing=$(missing_apt)
if [ -n "$missing" ]; then
    echo "setup: installing $missing" >&2
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq $missing >/dev/null
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
# This machine's pip config may name local mirrors that do not exist; pip warns, then uses
# the registry. The filter keeps that noise out of the output, and real errors in it.
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[dev${EXTRAS:+,$EXTRAS}]" \
    2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
