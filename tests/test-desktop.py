#!/usr/bin/env python3
# test-desktop.py: the desktop file, the AppStream metainfo, the icons and the
# screenshots agree on the application id, and the newest release in the
# metainfo is the version being built.  Writes TAP.
#
# Usage: test-desktop.py APP-ID VERSION DESKTOP-FILE METAINFO-FILE DATA-DIR [LANGUAGE...]

import configparser
import os
import sys
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

app_id, version, desktop_path, metainfo_path, data_dir = sys.argv[1:6]
languages = sys.argv[6:]
results = []


def check(ok, name, detail=None):
    results.append((bool(ok), name, detail))


# ---- desktop file --------------------------------------------------------
desktop = configparser.RawConfigParser(interpolation=None, strict=True)
desktop.optionxform = str  # keys are case-sensitive
desktop.read(desktop_path, encoding="utf-8")
entry = desktop["Desktop Entry"]

check(os.path.basename(desktop_path) == app_id + ".desktop",
      "the desktop file is named after the application id")
check(entry.get("Icon") == app_id, "the desktop file's icon is the application id",
      entry.get("Icon"))
exec_line = entry.get("Exec", "")
check(exec_line.split()[:1] == ["bedside"], "the desktop file starts the installed bedside",
      exec_line)
# Saved consultations open from Files: the desktop file takes files and
# names the type that data/APP-ID.mime.xml declares for *.bedside.json.
check("%F" in exec_line.split() or "%f" in exec_line.split(), "the desktop file passes files to bedside", exec_line)
mime_types = [t for t in entry.get("MimeType", "").split(";") if t]
check(mime_types == ["application/x-bedside-consultation"], "the desktop file opens saved consultations",
      entry.get("MimeType"))
mime_path = os.path.join(data_dir, app_id + ".mime.xml")
try:
    mime = ET.parse(mime_path).getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    declared = mime.find("m:mime-type[@type='application/x-bedside-consultation']", ns)
    globs = [g.get("pattern") for g in declared.findall("m:glob", ns)] if declared is not None else []
    check(declared is not None and "*.bedside.json" in globs,
          "the shared-mime-info file declares the consultation type for *.bedside.json", globs)
except (OSError, ET.ParseError) as e:
    check(False, "the shared-mime-info file parses", str(e))
categories = entry.get("Categories", "").split(";")
check("MedicalSoftware" in categories, "the desktop file is in the MedicalSoftware category",
      entry.get("Categories"))
check(entry.get("Keywords", "").endswith(";"), "the keywords are a list ended by ';'")

# ---- metainfo ------------------------------------------------------------
component = ET.parse(metainfo_path).getroot()
check(component.findtext("id") == app_id, "the metainfo id is the application id",
      component.findtext("id"))
launchable = component.find("launchable[@type='desktop-id']")
check(launchable is not None and launchable.text == app_id + ".desktop",
      "the metainfo launches the desktop file")
check(component.findtext("project_license") == "GPL-3.0-or-later", "project licence")
check(component.findtext("metadata_license") == "CC0-1.0", "metadata licence")
check(component.find("content_rating[@type='oars-1.1']") is not None, "OARS content rating")

releases = component.findall("releases/release")
check(releases and releases[0].get("version") == version,
      "the newest release in the metainfo is the version being built",
      "newest: %s, building: %s" % (releases[0].get("version") if releases else None, version))

screenshots = component.findall("screenshots/screenshot")
check(len(screenshots) > 0, "the metainfo has screenshots")
check(len([s for s in screenshots if s.get("type") == "default"]) == 1,
      "exactly one default screenshot")
for shot in screenshots:
    url = shot.findtext("image") or ""
    name = os.path.basename(urlparse(url).path)
    check(urlparse(url).scheme == "https" and
          os.path.isfile(os.path.join(data_dir, "screenshots", name)),
          "screenshot %s is an https URL of a file in data/screenshots" % name, url)

# ---- translations, merged from po/ ----------------------------------------
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
for language in languages:
    check(entry.get("Name[%s]" % language) and entry.get("Comment[%s]" % language) and
          entry.get("Keywords[%s]" % language, "").endswith(";"),
          "the desktop file has its name, comment and keywords in '%s'" % language)
    check(any(s.get(XML_LANG) == language for s in component.findall("summary")),
          "the metainfo has its summary in '%s'" % language)

# ---- icons ---------------------------------------------------------------
for path in ("icons/hicolor/scalable/apps/%s.svg" % app_id,
             "icons/hicolor/symbolic/apps/%s-symbolic.svg" % app_id):
    full = os.path.join(data_dir, path)
    ok = os.path.isfile(full)
    if ok:
        root = ET.parse(full).getroot()
        ok = root.tag == "{http://www.w3.org/2000/svg}svg"
    check(ok, "icon %s is an SVG document" % path)

for i, (ok, name, detail) in enumerate(results, 1):
    print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
    if not ok and detail:
        print("# " + str(detail))
print("1..%d" % len(results))
sys.exit(0 if all(ok for ok, _, _ in results) else 1)
