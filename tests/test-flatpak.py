#!/usr/bin/env python3
# test-flatpak.py: the Flatpak manifest parses, names the application id of
# the desktop file and the metainfo, builds this project with meson on the
# GNOME runtime, and asks for the display only: no network, no files (open,
# save and export go through the file chooser portal, printing through the
# print portal).  Writes TAP.
#
# Usage: test-flatpak.py MANIFEST DESKTOP-FILE.in METAINFO-FILE.in

import json
import os
import sys
import xml.etree.ElementTree as ET

manifest_path, desktop_path, metainfo_path = sys.argv[1:4]
results = []

# What a window on the desktop needs, and nothing else.
ALLOWED = ["--socket=wayland", "--socket=fallback-x11", "--device=dri", "--share=ipc"]


def check(ok, name, detail=None):
    results.append((bool(ok), name, detail))


try:
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)
    check(True, "the manifest is JSON")
except (OSError, ValueError) as error:
    print("not ok 1 - the manifest is JSON\n# %s\n1..1" % error)
    sys.exit(1)

app_id = manifest.get("id") or manifest.get("app-id")
desktop_id = os.path.basename(desktop_path)
for suffix in (".in", ".desktop"):
    if desktop_id.endswith(suffix):
        desktop_id = desktop_id[: -len(suffix)]
metainfo_id = ET.parse(metainfo_path).getroot().findtext("id")

check(app_id == desktop_id, "the manifest's id is the desktop file's", "%s, %s" % (app_id, desktop_id))
check(app_id == metainfo_id, "the manifest's id is the metainfo's", "%s, %s" % (app_id, metainfo_id))
check(manifest.get("command") == "bedside", "it runs bedside", manifest.get("command"))
check(manifest.get("runtime") == "org.gnome.Platform" and manifest.get("sdk") == "org.gnome.Sdk",
      "on the GNOME runtime and SDK")
version = str(manifest.get("runtime-version", ""))
check(version.isdigit() and int(version) >= 48, "a current GNOME runtime version", version)

finish_args = manifest.get("finish-args", [])
check(sorted(finish_args) == sorted(ALLOWED), "finish-args are exactly wayland, fallback-x11, dri and ipc",
      finish_args)
check(not any(a.startswith("--share=network") for a in finish_args), "no network access")
check(not any(a.startswith(("--filesystem", "--persist")) for a in finish_args),
      "no file system access: files go through the portals")
check(not any(a.startswith(("--device=all", "--socket=x11", "--socket=session-bus",
                            "--socket=system-bus", "--talk-name", "--system-talk-name"))
              for a in finish_args),
      "no other device, socket or bus name")

modules = manifest.get("modules", [])
main = modules[-1] if modules else {}
check(main.get("name") == "bedside" and main.get("buildsystem") == "meson",
      "the last module builds Bedside with meson")
sources = main.get("sources", [])
manifest_dir = os.path.dirname(os.path.abspath(manifest_path))
points_here = any(s.get("type") in ("dir", "git") and "path" in s and
                  os.path.isfile(os.path.join(manifest_dir, s["path"], "meson.build"))
                  for s in sources)
check(points_here, "its source is this repository (a dir or git source)")
# Nothing fetched from the network but what the runtime provides.
check(all(s.get("type") in ("dir", "git") and "url" not in s
          for m in modules for s in m.get("sources", [])),
      "no module downloads anything")

for i, (ok, name, detail) in enumerate(results, 1):
    print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
    if not ok and detail is not None:
        print("# %s" % (detail,))
print("1..%d" % len(results))
sys.exit(0 if all(ok for ok, _, _ in results) else 1)
