#!/usr/bin/env python3
# Checks the bundled catalog's translations, from the merged XML (every
# language as an xml:lang variant) and the compiled feed:
#
#  - every translated text of a template keeps exactly the {placeholders} of
#    the English source (a translation that differs is left out of the feed
#    by the compiler, so this is where it is reported);
#  - every template a case offers exists in each of the case's letter
#    languages, and every template for prisoners exists in Russian;
#  - letters to prisons in Russian and Belarusian contain no Latin letters.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import re
import sys
import xml.etree.ElementTree as ET

XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'
PLACEHOLDER = re.compile(r'\{\{|\}\}|\{([^{}]*)\}')


def placeholders(text):
    return sorted(m.group(1) for m in PLACEHOLDER.finditer(text) if m.group(1) is not None)


def groups(parent, tag, key=None):
    """Source elements with their translations, which follow them."""
    result = []
    for element in parent.findall(tag):
        if element.get(XML_LANG) is None:
            result.append([element])
        elif result:
            result[-1].append(element)
    return result


def main(merged_xml, feed_json):
    failures = []
    root = ET.parse(merged_xml).getroot()
    checked = {}

    for template in root.findall('template'):
        tid = template.get('id')
        for tag in ('subject', 'paragraph', 'closing'):
            for group in groups(template, tag):
                source = ' '.join((group[0].text or '').split())
                expected = placeholders(source)
                where = '%s/%s%s' % (tid, tag, '[@id=%s]' % group[0].get('id') if tag == 'paragraph' else '')
                for translation in group[1:]:
                    lang = translation.get(XML_LANG)
                    text = ' '.join((translation.text or '').split())
                    checked[lang] = checked.get(lang, 0) + 1
                    if placeholders(text) != expected:
                        failures.append('%s (%s): placeholders %s, but the English text has %s'
                                        % (where, lang, placeholders(text), expected))

    with open(feed_json, encoding='utf-8') as f:
        feed = json.load(f)

    templates = {t['id']: t for t in feed.get('templates', [])}

    def languages(template):
        langs = set(template['title'])
        for paragraph in template['paragraphs']:
            langs &= set(paragraph['text'])
        for member in ('subject', 'closing'):
            if member in template:
                langs &= set(template[member])
        return langs

    for case in feed.get('cases', []):
        for tid in case.get('templates', []):
            missing = set(case['letter_languages']) - languages(templates[tid])
            if missing:
                failures.append('case %s: the template %s is not available in %s'
                                % (case['id'], tid, ', '.join(sorted(missing))))

    for template in templates.values():
        if template['addressee'] != 'prisoner':
            continue
        if 'ru' not in languages(template):
            failures.append('template %s: a letter to prisoners must exist in Russian' % template['id'])
        for lang in ('ru', 'be'):
            for paragraph in template['paragraphs']:
                text = PLACEHOLDER.sub('', paragraph['text'].get(lang, ''))
                if re.search('[A-Za-z]', text):
                    failures.append('template %s/%s (%s): Latin letters in a letter to prison: %s'
                                    % (template['id'], paragraph['id'], lang, text))

    for failure in failures:
        print('FAIL: ' + failure)
    for lang, count in sorted(checked.items()):
        print('%s: %d translated letter texts checked' % (lang, count))
    if not checked:
        print('FAIL: no translations were merged into %s' % merged_xml)
        return 1
    return 1 if failures else 0


if __name__ == '__main__':
    if len(sys.argv) != 3:
        print('usage: check-translations.py MERGED_XML FEED_JSON', file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
