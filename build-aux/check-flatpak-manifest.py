#!/usr/bin/env python3
# Checks the Flatpak manifest against the project: it parses, names the
# right application and command, builds Carta with meson using only options
# the project has, asks for no file-system access beyond the portals, and
# (where flatpak-builder is installed) flatpak-builder reads it too.
#
# Usage: check-flatpak-manifest.py MANIFEST MESON_OPTIONS
import json
import re
import shutil
import subprocess
import sys


def fail(message):
    print(f'flatpak manifest: {message}', file=sys.stderr)
    sys.exit(1)


def main(manifest_path, options_path):
    with open(manifest_path, encoding='utf-8') as f:
        manifest = json.load(f)

    if manifest.get('id') != 'io.github.carta.Carta':
        fail('the id is not io.github.carta.Carta')
    if manifest.get('command') != 'carta':
        fail('the command is not carta')
    if not manifest.get('runtime', '').startswith('org.gnome.'):
        fail('Carta needs a GNOME runtime')

    args = manifest.get('finish-args', [])
    for arg in args:
        if arg.startswith('--filesystem='):
            fail(f'{arg}: files are reached through the portals, not the file system')
    for needed in ('--share=network', '--socket=wayland', '--socket=fallback-x11'):
        if needed not in args:
            fail(f'missing finish-arg {needed}')

    modules = manifest.get('modules', [])
    carta = [m for m in modules if isinstance(m, dict) and m.get('name') == 'carta']
    if len(carta) != 1 or carta[0].get('buildsystem') != 'meson':
        fail('the carta module must be built with meson')
    if modules[-1] is not carta[0]:
        fail('carta must be the last module, after its dependencies')

    with open(options_path, encoding='utf-8') as f:
        known = set(re.findall(r"option\(\s*'([^']+)'", f.read()))
    for opt in carta[0].get('config-opts', []):
        match = re.match(r'-D([^=]+)=', opt)
        if not match:
            fail(f'{opt}: only -Dname=value options are expected')
        if match.group(1) not in known:
            fail(f'{opt}: the project has no option {match.group(1)}')

    names = [m.get('name') for m in modules if isinstance(m, dict)]
    # enchant-2 and hunspell come with the GNOME runtime; the dictionaries do not.
    if 'dictionaries' not in names:
        fail('spell checking needs the dictionaries module')
    dictionaries = next(m for m in modules if m.get('name') == 'dictionaries')
    installed = ' '.join(dictionaries.get('build-commands', []))
    for lang in ('ru_RU', 'uk_UA', 'be_BY', 'pl_PL', 'de_DE', 'fr_FR', 'es_ES', 'en_US'):
        if lang not in installed:
            fail(f'the {lang} dictionary is not installed')

    builder = shutil.which('flatpak-builder')
    if builder:
        result = subprocess.run([builder, '--show-manifest', manifest_path],
                                capture_output=True, text=True)
        if result.returncode != 0:
            fail('flatpak-builder --show-manifest failed: ' + result.stderr.strip())
        print('flatpak-builder --show-manifest: OK')
    else:
        print('flatpak-builder is not installed: checked the manifest without it')

    print('flatpak manifest: OK')


if __name__ == '__main__':
    if len(sys.argv) != 3:
        print(__doc__ or 'usage: check-flatpak-manifest.py MANIFEST MESON_OPTIONS', file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1], sys.argv[2])
