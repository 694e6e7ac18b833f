#!/usr/bin/env python3
# Fails unless every language Carta promises is translated completely:
# the template is made anew from the sources (the carta-pot target), each
# .po file is merged with it in memory, and any message left untranslated
# or fuzzy is reported.
#
# usage: check-po-complete.py BUILD_DIR PO_DIR LANG...
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys


def count(po_text, option):
    result = subprocess.run(['msgattrib', option, '--no-obsolete', '-'],
                            input=po_text, capture_output=True, check=True)
    entries = result.stdout.decode('utf-8').split('\n\n')
    # The header is the entry with an empty msgid.
    return sum(1 for e in entries if 'msgid' in e and 'msgid ""\nmsgstr ""' not in e.replace('\r', ''))


def main():
    build_dir, po_dir, required = sys.argv[1], sys.argv[2], sys.argv[3:]
    subprocess.run(['meson', 'compile', '-C', build_dir, 'carta-pot'],
                   check=True, stdout=subprocess.DEVNULL)
    pot = os.path.join(po_dir, 'carta.pot')

    with open(os.path.join(po_dir, 'LINGUAS'), encoding='utf-8') as f:
        listed = [line.strip() for line in f if line.strip() and not line.startswith('#')]

    failures = []
    for lang in required:
        if lang not in listed:
            failures.append(f'{lang}: not in po/LINGUAS')
    for lang in listed:
        po = os.path.join(po_dir, lang + '.po')
        merged = subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', '-o', '-', po, pot],
                                capture_output=True, check=True).stdout
        untranslated = count(merged, '--untranslated')
        fuzzy = count(merged, '--only-fuzzy')
        print(f'{lang}: {untranslated} untranslated, {fuzzy} fuzzy')
        if untranslated or fuzzy:
            failures.append(f'{lang}: {untranslated} untranslated, {fuzzy} fuzzy '
                            f'(run "meson compile -C {build_dir} carta-update-po" and translate them)')

    for failure in failures:
        print('FAIL ' + failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
