#!/bin/bash
# Checks that the build's version floor (GLib 2.74, GTK 4.8, libadwaita 1.2 as
# both MIN_REQUIRED and MAX_ALLOWED, with -Werror=deprecated-declarations)
# turns any use of newer API into a build error.
#
# On Debian 12 a GTK 4.10 function is simply undeclared; in the newer Flatpak
# runtime it is declared but marked unavailable by GDK_VERSION_MAX_ALLOWED.
# The second case cannot be reproduced with GTK 4.10 here, so it is shown one
# step down: with the floor lowered by one version, the 4.8, 1.2 and 2.74 API
# that the project uses must fail to build in exactly that way.
#
# usage: check-version-floor.sh COMPILER...   (floor flags in MESH_FLOOR_ARGS)
set -u
cc=("$@")
read -r -a floor <<<"$MESH_FLOOR_ARGS"
werror=(-Werror=deprecated-declarations -Werror=implicit-function-declaration)
read -r -a pkg <<<"$(pkg-config --cflags gtk4 libadwaita-1)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

cat >"$tmp/floor-api.c" <<'C'
#include <adwaita.h>
void f (GtkCheckButton *b) { gtk_check_button_set_child (b, NULL); }    /* GTK 4.8 */
GtkWidget *g (void) { return adw_about_window_new (); }               /* Adw 1.2 */
GPtrArray *h (void) { return g_ptr_array_new_null_terminated (0, NULL, TRUE); } /* GLib 2.74 */
C

cat >"$tmp/newer-api.c" <<'C'
#include <adwaita.h>
void *f (void) { return gtk_file_dialog_new (); }                      /* GTK 4.10 */
C

compile() { "${cc[@]}" -c -o "$tmp/out.o" "$@" >"$tmp/log" 2>&1; }

if compile "${floor[@]}" "${werror[@]}" "${pkg[@]}" "$tmp/floor-api.c"; then
	echo "ok: API at the floor builds"
else
	echo "FAIL: API at the floor does not build:"; cat "$tmp/log"; failures=$((failures+1))
fi

if compile "${floor[@]}" "${werror[@]}" "${pkg[@]}" "$tmp/newer-api.c"; then
	echo "FAIL: a GTK 4.10 function built with the project's flags"; failures=$((failures+1))
else
	echo "ok: a GTK 4.10 function fails: $(grep -m1 error "$tmp/log")"
fi

lowered=()
for a in "${floor[@]}"; do
	a=${a//GDK_VERSION_4_8/GDK_VERSION_4_6}
	a=${a//ADW_VERSION_1_2/ADW_VERSION_1_1}
	a=${a//GLIB_VERSION_2_74/GLIB_VERSION_2_72}
	lowered+=("$a")
done
if compile "${lowered[@]}" "${werror[@]}" "${pkg[@]}" "$tmp/floor-api.c"; then
	echo "FAIL: MAX_ALLOWED one version lower still accepts newer API"; failures=$((failures+1))
else
	for fn in gtk_check_button_set_child adw_about_window_new g_ptr_array_new_null_terminated; do
		if grep -q "$fn.*\[-Werror=deprecated-declarations\]" "$tmp/log"; then
			echo "ok: above a lowered floor, $fn is an error"
		else
			echo "FAIL: $fn is not refused by MAX_ALLOWED:"; cat "$tmp/log"; failures=$((failures+1))
		fi
	done
fi

exit $((failures > 0))
