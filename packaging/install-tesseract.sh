#!/usr/bin/env bash
# Tesseract's OCR data, so that scanned pages (no text layer) are read. PyMuPDF carries the OCR engine;
# the language data comes from the platform's Tesseract package. Installed where the platform's package
# manager allows it without asking; otherwise this says what to do, and the app still imports scans,
# reporting their pages as "no text layer, OCR unavailable". Never fails the set-up.
set -u
LANGS="${LEGALASSIST_OCR_PACKAGES:-tesseract-ocr tesseract-ocr-eng}"

have_data() {
    for d in "${TESSDATA_PREFIX:-}" /usr/share/tesseract-ocr/*/tessdata /usr/share/tessdata \
        /usr/local/share/tessdata /opt/homebrew/share/tessdata; do
        [ -n "$d" ] && [ -f "$d/eng.traineddata" ] && return 0
    done
    return 1
}

have_data && exit 0
. "$(dirname "$0")/apt-install.sh"
if command -v apt-get >/dev/null 2>&1; then
    apt_install "Tesseract OCR data" "" $LANGS
elif command -v brew >/dev/null 2>&1; then
    brew install tesseract >/dev/null 2>&1
fi
have_data && exit 0
echo "Tesseract OCR is not installed, so scanned pages will be imported without their text." >&2
echo "Install it (Debian/Ubuntu: apt-get install tesseract-ocr; macOS: brew install tesseract;" >&2
echo "Windows: the UB Mannheim installer) and re-import the scanned documents." >&2
exit 0
