#!/usr/bin/env bash
# Build the Linux one-folder bundle and its .tar.gz (with a .desktop entry and the icon), then
# smoke-test it with --self-check. Run from anywhere: packaging/build-linux.sh
# Output: dist/incident-wizard/ and dist/incident-wizard-<version>-linux-<arch>.tar.gz
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[packaging]' \
  > .venv/pip-packaging.log 2>&1 || { cat .venv/pip-packaging.log >&2; exit 1; }
# The X11 libraries of Qt's xcb plugin must be on this machine for PyInstaller to bundle them
# (installed here when run as root, as in CI; otherwise the install line is printed).
./scripts/check-qt-libraries xcb
rm -rf build/pyinstaller dist/incident-wizard
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --workpath build/pyinstaller --distpath dist packaging/incident-wizard.spec

version=$(.venv/bin/python -c 'import incident_wizard; print(incident_wizard.__version__)')
arch=$(uname -m)
install -m 0644 resources/icons/incident-wizard.svg dist/incident-wizard/incident-wizard.svg
install -m 0644 packaging/linux/incident-wizard.desktop dist/incident-wizard/incident-wizard.desktop
install -m 0755 packaging/linux/install.sh dist/incident-wizard/install.sh

# The bundle carries the xcb libraries a bare desktop lacks (PyInstaller leaves libxcb.so.1,
# libGL/libEGL, libdrm and Wayland's to the system, which has them wherever there is a display).
for lib in libxcb-cursor.so.0 libxcb-icccm.so.4 libxcb-keysyms.so.1 libxcb-image.so.0 \
           libxcb-render-util.so.0 libxkbcommon-x11.so.0; do
  if [ -z "$(find dist/incident-wizard -name "$lib" -print -quit)" ]; then
    echo "The bundle lacks $lib (Qt's xcb plugin needs it)." >&2; exit 1
  fi
done

echo "Smoke test: dist/incident-wizard/incident-wizard --self-check"
QT_QPA_PLATFORM=offscreen dist/incident-wizard/incident-wizard --self-check

size=$(du -sm dist/incident-wizard | cut -f1)
echo "Bundle size: ${size} MB"
tarball="dist/incident-wizard-${version}-linux-${arch}.tar.gz"
tar -C dist -czf "$tarball" incident-wizard
echo "Built $tarball ($(du -sm "$tarball" | cut -f1) MB)"
