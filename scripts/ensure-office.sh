#!/usr/bin/env bash
# Install Debian's LibreOffice (Writer, Calc), poppler and free CJK fonts when missing: the export
# tests render every docx/xlsx to PDF with `soffice --headless` and check the pages.
set -euo pipefail
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer libreoffice-calc)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
fc-list 2>/dev/null | grep -qi "noto serif cjk" || need+=(fonts-noto-cjk)
fc-list 2>/dev/null | grep -qi "ukai" || need+=(fonts-arphic-ukai)
fc-list 2>/dev/null | grep -qi "wqy" || need+=(fonts-wqy-microhei)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} (Debian packages)" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
