#!/bin/sh
# Install Decision Desk for this user, no administrator rights needed: the app folder in
# ~/.local/opt/decision-desk (an older version there is replaced), a `decision-desk`
# command in ~/.local/bin, and the menu entry and icon. The register, settings, backups
# and log stay where they are (the user data, configuration and log folders): an upgrade
# keeps them. `./install.sh --uninstall` removes the app, never the data.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
target=$HOME/.local/opt/decision-desk
entry=$data/applications/decision-desk.desktop
icon=$data/icons/hicolor/256x256/apps/decision-desk.png

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$target" "$entry" "$icon" "$HOME/.local/bin/decision-desk"
  echo "Removed Decision Desk (your register, settings and backups are kept)."
  exit 0
fi
[ -x "$here/decision-desk" ] || { echo "Run install.sh from the unpacked folder." >&2; exit 1; }
if [ "$here" != "$target" ]; then
  rm -rf "$target.new"
  mkdir -p "$(dirname "$target")"
  cp -a "$here" "$target.new"
  rm -rf "$target"
  mv "$target.new" "$target"
fi
mkdir -p "$HOME/.local/bin" "$(dirname "$entry")" "$(dirname "$icon")"
ln -sf "$target/decision-desk" "$HOME/.local/bin/decision-desk"
cp "$target/decision-desk.png" "$icon"
sed "s|^Exec=.*|Exec=\"$target/decision-desk\"|" "$target/decision-desk.desktop" > "$entry"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$(dirname "$entry")" || true
echo "Installed Decision Desk $("$target/decision-desk" --version | sed 's/^Decision Desk //') in $target."
