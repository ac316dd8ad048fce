#!/usr/bin/env sh
# Per-user install of the unpacked bundle: ~/.local/opt/incident-wizard, a command in
# ~/.local/bin, a menu entry and an icon. Data stays in ~/.local/share/IncidentWizard.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
target="$HOME/.local/opt/incident-wizard"
mkdir -p "$HOME/.local/opt" "$HOME/.local/bin" "$HOME/.local/share/applications" \
         "$HOME/.local/share/icons/hicolor/scalable/apps"
rm -rf "$target"
cp -R "$here" "$target"
ln -sf "$target/incident-wizard" "$HOME/.local/bin/incident-wizard"
sed "s|^Exec=.*|Exec=$target/incident-wizard|" "$here/incident-wizard.desktop" \
  > "$HOME/.local/share/applications/incident-wizard.desktop"
cp "$here/incident-wizard.svg" "$HOME/.local/share/icons/hicolor/scalable/apps/incident-wizard.svg"
echo "Incident Wizard installé dans $target (commande : incident-wizard)."
