#!/usr/bin/env python3
"""Guard the Flatpak manifest: it parses, matches the app, builds from this
tree and asks for no more than the app needs."""
import json
import os
import sys

ALLOWED_FINISH_ARGS = {
    "--share=network",
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
}

top = sys.argv[1]
path = os.path.join(top, "flatpak", "io.github.maildoctor.MailDoctor.json")
failures = []

with open(path, encoding="utf-8") as f:
    manifest = json.load(f)

def expect(cond, message):
    if not cond:
        failures.append(message)

expect(manifest.get("id") == "io.github.maildoctor.MailDoctor", "id is not the app id")
expect(manifest.get("command") == "mail-doctor", "command is not mail-doctor")
expect(manifest.get("runtime") == "org.gnome.Platform", "runtime is not org.gnome.Platform")
expect(manifest.get("sdk") == "org.gnome.Sdk", "sdk is not org.gnome.Sdk")
version = str(manifest.get("runtime-version", ""))
expect(version.isdigit() and int(version) >= 47,
       "runtime-version must be a current stable GNOME release, not %r" % version)

extra = set(manifest.get("finish-args", [])) - ALLOWED_FINISH_ARGS
expect(not extra, "finish-args wider than needed: %s" % sorted(extra))

modules = manifest.get("modules", [])
app_modules = [m for m in modules if isinstance(m, dict) and m.get("name") == "mail-doctor"]
expect(len(app_modules) == 1, "no mail-doctor module")
manifest_dir = os.path.dirname(path)
for module in modules:
    if not isinstance(module, dict):
        continue
    for source in module.get("sources", []):
        if source.get("type") in ("dir", "file", "patch") and "path" in source:
            local = os.path.normpath(os.path.join(manifest_dir, source["path"]))
            expect(os.path.exists(local), "source path %s does not exist" % source["path"])
if app_modules:
    app = app_modules[0]
    expect(app.get("buildsystem") == "meson", "the app module is not built with meson")
    expect(app.get("run-tests") is True, "the app module does not run its tests")
    expect(any(s.get("type") == "dir" for s in app.get("sources", [])),
           "the app module is not built from the local tree")

for failure in failures:
    print("FAIL:", failure)
if not failures:
    print("manifest %s: runtime %s, %d finish-args, %d modules: ok"
          % (os.path.basename(path), version, len(manifest.get("finish-args", [])), len(modules)))
sys.exit(1 if failures else 0)
