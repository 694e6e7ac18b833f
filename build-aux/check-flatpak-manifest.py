#!/usr/bin/env python3
# Checks the Flatpak manifest against the project: it parses, names the
# right application and command, builds Carta with meson using only options
# the project has, asks for no file-system access beyond the portals, and
# (where flatpak-builder is installed) flatpak-builder reads it too.
#
# Usage: check-flatpak-manifest.py MANIFEST MESON_OPTIONS [auto|enabled|disabled]
# The last argument is the flatpak_check option: whether flatpak-builder is
# run when installed (auto), must be run (enabled) or is never run (disabled).
import json
import re
import shutil
import subprocess
import sys


def fail(message):
    print(f'flatpak manifest: {message}', file=sys.stderr)
    sys.exit(1)


def read_options(options_path):
    """The project's options, each with its choices (None when not a combo)."""
    with open(options_path, encoding='utf-8') as f:
        text = f.read()
    options = {}
    for match in re.finditer(r"option\(\s*'([^']+)'(.*?)\)\s*(?=option\(|$)", text, re.S):
        choices = re.search(r'choices\s*:\s*\[([^\]]*)\]', match.group(2))
        options[match.group(1)] = (re.findall(r"'([^']*)'", choices.group(1))
                                   if choices else None)
    return options


def main(manifest_path, options_path, builder_mode='auto'):
    try:
        with open(manifest_path, encoding='utf-8') as f:
            manifest = json.load(f)
    except json.JSONDecodeError as error:
        fail(f'{manifest_path} is not JSON: {error}')

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

    known = read_options(options_path)
    given = {}
    for opt in carta[0].get('config-opts', []):
        match = re.match(r'-D([^=]+)=(.*)$', opt)
        if not match:
            fail(f'{opt}: only -Dname=value options are expected')
        name, value = match.groups()
        if name not in known:
            fail(f'{opt}: the project has no option {name}')
        if known[name] is not None and value not in known[name]:
            fail(f'{opt}: {name} is one of {", ".join(known[name])}')
        given[name] = value
    # The same build as the native one.
    if given.get('profile') != 'default':
        fail('the carta module must be built with -Dprofile=default')

    names = [m.get('name') for m in modules if isinstance(m, dict)]
    # enchant-2 and hunspell come with the GNOME runtime; the dictionaries do not.
    if 'dictionaries' not in names:
        fail('spell checking needs the dictionaries module')
    dictionaries = next(m for m in modules if m.get('name') == 'dictionaries')
    installed = ' '.join(dictionaries.get('build-commands', []))
    for source in dictionaries.get('sources', []):
        if source.get('type') == 'script':
            installed += ' ' + ' '.join(source.get('commands', []))
        if source.get('type') in ('archive', 'file') and 'sha256' not in source:
            fail(f'{source.get("url")}: an archive needs its sha256')
        if source.get('type') == 'git' and not (source.get('tag') or source.get('commit')):
            fail(f'{source.get("url")}: pin the git source to a tag or a commit')
    for lang in ('ru_RU', 'uk_UA', 'be_BY', 'pl_PL', 'de_DE', 'fr_FR', 'es_ES', 'en_US'):
        if lang not in installed:
            fail(f'the {lang} dictionary is not installed')

    builder = shutil.which('flatpak-builder') if builder_mode != 'disabled' else None
    if builder_mode == 'enabled' and not builder:
        fail('flatpak_check is enabled but flatpak-builder is not installed')
    if builder:
        result = subprocess.run([builder, '--show-manifest', manifest_path],
                                capture_output=True, text=True)
        if result.returncode != 0:
            fail('flatpak-builder --show-manifest failed: ' + result.stderr.strip())
        print('flatpak-builder --show-manifest: OK')
    elif builder_mode == 'disabled':
        print('flatpak_check is disabled: checked the manifest without flatpak-builder')
    else:
        print('flatpak-builder is not installed: checked the manifest without it')

    print('flatpak manifest: OK')


if __name__ == '__main__':
    if len(sys.argv) not in (3, 4) or sys.argv[3:] not in ([], ['auto'], ['enabled'], ['disabled']):
        print('usage: check-flatpak-manifest.py MANIFEST MESON_OPTIONS [auto|enabled|disabled]',
              file=sys.stderr)
        sys.exit(2)
    main(*sys.argv[1:])
