#!/usr/bin/env python3
# Compiles Carta's bundled catalog from XML (data/catalog/catalog.xml.in,
# with every translation merged in by msgfmt as xml:lang variants) into a
# feed in format v1 (docs/feed-format.md).
#
# Only the standard library is used: python3 is always there because meson
# needs it.
#
# A translation whose {placeholders} differ from the English text is left
# out with a warning, so one translator's slip cannot make the whole bundled
# feed unloadable; the catalog-translations test reports it.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET

XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'
SOURCE_LANG = 'en'

KNOWN_PLACEHOLDERS = {
    'case_name', 'case_name_latin', 'case_name_dative', 'case_given_name',
    'case_birth_year', 'case_facility', 'case_interests', 'target_name',
    'target_title', 'target_organization', 'target_salutation', 'sender_name',
    'sender_city', 'sender_country', 'date', 'campaign_title',
}

ID_RE = re.compile(r'^[a-z0-9][a-z0-9._-]{0,127}$')
LANG_RE = re.compile(r'^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$')


class CatalogError(Exception):
    pass


def placeholders(text):
    """The set of {name} placeholders in text; {{ and }} are literal braces."""
    names = []
    i = 0
    while i < len(text):
        pair = text[i:i + 2]
        if pair in ('{{', '}}'):
            i += 2
            continue
        if text[i] == '{':
            end = text.find('}', i + 1)
            if end < 0:
                raise CatalogError('an opening brace without a closing one in “%s”' % text)
            names.append(text[i + 1:end])
            i = end + 1
            continue
        if text[i] == '}':
            raise CatalogError('a closing brace without an opening one in “%s”' % text)
        i += 1
    return sorted(names)


def normalize(text):
    # gettext collapses whitespace in extracted strings; do the same for the
    # source so that the English text reads as it will be shown.
    return ' '.join((text or '').split())


class Compiler:
    def __init__(self, root):
        self.root = root
        self.warnings = []
        self.ids = {}

    def warn(self, message):
        self.warnings.append(message)
        print('compile-catalog: warning: ' + message, file=sys.stderr)

    def claim_id(self, ident, kind):
        if not ID_RE.match(ident or ''):
            raise CatalogError('“%s” is not a valid id' % ident)
        if ident in self.ids:
            raise CatalogError('the id “%s” is used twice' % ident)
        self.ids[ident] = kind
        return ident

    def ref(self, ident, kind):
        if self.ids.get(ident) != kind:
            raise CatalogError('“%s” is not the id of a %s' % (ident, kind))
        return ident

    def refs(self, element, attribute, kind):
        return [self.ref(i, kind) for i in (element.get(attribute) or '').split()]

    # -- localized texts ---------------------------------------------------

    def text_from_group(self, elements, where, check=False):
        """Makes a text from a source element and its xml:lang variants."""
        text = {}
        for element in elements:
            lang = element.get(XML_LANG, SOURCE_LANG)
            if not LANG_RE.match(lang):
                raise CatalogError('%s: “%s” is not a language tag' % (where, lang))
            value = normalize(element.text)
            if value:
                text[lang] = value
        if SOURCE_LANG not in text:
            raise CatalogError('%s: no English text' % where)
        if check:
            reference = placeholders(text[SOURCE_LANG])
            unknown = [n for n in reference if n not in KNOWN_PLACEHOLDERS]
            if unknown:
                raise CatalogError('%s: unknown placeholder {%s}' % (where, unknown[0]))
            for lang in list(text):
                if lang != SOURCE_LANG and placeholders(text[lang]) != reference:
                    self.warn('%s: the “%s” translation changes the placeholders; left out' % (where, lang))
                    del text[lang]
        return text

    def text(self, parent, tag, where, required=True, check=False):
        elements = parent.findall(tag)
        if not elements:
            if required:
                raise CatalogError('%s: missing <%s>' % (where, tag))
            return None
        return self.text_from_group(elements, '%s/%s' % (where, tag), check)

    def joined_text(self, parent, tag, where):
        """A text made of <p> elements, joined with blank lines; a language is
        kept only when every paragraph has it."""
        container = parent.find(tag)
        if container is None:
            return None
        groups = []
        for p in container.findall('p'):
            if p.get(XML_LANG) is None:
                groups.append([p])
            elif groups:
                groups[-1].append(p)
        if not groups:
            raise CatalogError('%s/%s: no paragraphs' % (where, tag))
        parts = [self.text_from_group(g, '%s/%s/p[%d]' % (where, tag, i + 1))
                 for i, g in enumerate(groups)]
        langs = set(parts[0])
        for part in parts[1:]:
            langs &= set(part)
        return {lang: '\n\n'.join(part[lang] for part in parts)
                for lang in sorted(langs, key=lambda l: (l != SOURCE_LANG, l))}

    # -- items --------------------------------------------------------------

    def address(self, element):
        if element is None:
            return None
        lines = [normalize(line.text) for line in element.findall('line')]
        if not lines or len(lines) > 12:
            raise CatalogError('an address needs 1 to 12 lines')
        address = {'lines': lines}
        if element.get('country'):
            address['country'] = element.get('country')
        return address

    def rule(self, element, where):
        rule = {'id': element.get('id'), 'category': element.get('category')}
        where = '%s/rule[@id=%s]' % (where, rule['id'])
        if element.get('severity'):
            rule['severity'] = element.get('severity')
        if element.get('languages'):
            rule['languages'] = element.get('languages').split()
        rule['patterns'] = [p.text for p in element.findall('pattern')]
        for pattern in rule['patterns']:
            # Python's re is close enough to PCRE to catch a broken pattern
            # here; the loader compiles every pattern with GRegex again.
            try:
                re.compile(pattern.replace('(?-i:', '(?:'))
            except re.error as e:
                raise CatalogError('%s: the pattern “%s” does not compile: %s' % (where, pattern, e))
        if not rule['patterns']:
            raise CatalogError('%s: no patterns' % where)
        rule['title'] = self.text(element, 'title', where)
        rule['explanation'] = self.text(element, 'explanation', where)
        return rule

    def rulesets(self):
        compiled = {}
        result = []
        for element in self.root.findall('ruleset'):
            ident = self.claim_id(element.get('id'), 'ruleset')
            where = 'ruleset[@id=%s]' % ident
            ruleset = {'id': ident, 'title': self.text(element, 'title', where)}
            summary = self.text(element, 'summary', where, required=False)
            if summary:
                ruleset['summary'] = summary
            rules = []
            parent = element.get('extends')
            if parent:
                if parent not in compiled:
                    raise CatalogError('%s extends “%s”, which is not defined before it' % (where, parent))
                rules.extend(json.loads(json.dumps(compiled[parent]['rules'])))
            rules.extend(self.rule(r, where) for r in element.findall('rule'))
            rule_ids = [r['id'] for r in rules]
            if len(set(rule_ids)) != len(rule_ids):
                raise CatalogError('%s: a rule id is used twice' % where)
            ruleset['rules'] = rules
            compiled[ident] = ruleset
            result.append(ruleset)
        return result

    def templates(self):
        result = []
        for element in self.root.findall('template'):
            ident = self.claim_id(element.get('id'), 'template')
            where = 'template[@id=%s]' % ident
            template = {
                'id': ident,
                'kind': element.get('kind'),
                'addressee': element.get('addressee'),
                'title': self.text(element, 'title', where),
            }
            subject = self.text(element, 'subject', where, required=False, check=True)
            if subject:
                template['subject'] = subject

            # msgfmt puts each translation right after its source, without
            # the source's other attributes.
            paragraphs = []
            by_id = {}
            for p in element.findall('paragraph'):
                if p.get(XML_LANG) is not None:
                    if not paragraphs:
                        raise CatalogError('%s: a translated paragraph comes before any source' % where)
                    by_id[paragraphs[-1]].append(p)
                    continue
                pid = p.get('id')
                if not ID_RE.match(pid or ''):
                    raise CatalogError('%s: “%s” is not a valid paragraph id' % (where, pid))
                if pid in by_id:
                    raise CatalogError('%s: the paragraph id “%s” is used twice' % (where, pid))
                by_id[pid] = [p]
                paragraphs.append(pid)
            texts = {pid: self.text_from_group(by_id[pid], '%s/paragraph[@id=%s]' % (where, pid), True)
                     for pid in paragraphs}
            # A paragraph that is only a placeholder (translatable="no") reads
            # the same in every language the rest of the letter has.
            langs = set(template['title'])
            for pid in paragraphs:
                if by_id[pid][0].get('translatable') != 'no':
                    langs &= set(texts[pid])
            for pid in paragraphs:
                if by_id[pid][0].get('translatable') == 'no':
                    english = texts[pid][SOURCE_LANG]
                    texts[pid] = {lang: english for lang in sorted(langs, key=lambda l: (l != SOURCE_LANG, l))}

            template['paragraphs'] = []
            for pid in paragraphs:
                source = by_id[pid][0]
                paragraph = {'id': pid, 'text': texts[pid]}
                if source.get('optional') == 'true':
                    paragraph['optional'] = True
                    if source.get('default') == 'false':
                        paragraph['default'] = False
                template['paragraphs'].append(paragraph)
            if not template['paragraphs']:
                raise CatalogError('%s: no paragraphs' % where)

            closing = self.text(element, 'closing', where, required=False, check=True)
            if closing:
                template['closing'] = closing
            for attribute, member in (('max-words', 'max_words'), ('max-pages', 'max_pages')):
                if element.get(attribute):
                    template[member] = int(element.get(attribute))
            result.append(template)
        return result

    def targets(self):
        result = []
        for element in self.root.findall('target'):
            ident = self.claim_id(element.get('id'), 'target')
            where = 'target[@id=%s]' % ident
            target = {'id': ident, 'role': element.get('role'),
                      'title': self.text(element, 'title', where)}
            organization = self.text(element, 'organization', where, required=False)
            if organization:
                target['organization'] = organization
            target['salutation'] = self.text(element, 'salutation', where)
            address = self.address(element.find('address'))
            if address:
                target['address'] = address
            email = element.findtext('email')
            if email:
                target['email'] = normalize(email)
            if element.get('user-supplied') == 'true':
                if address or email:
                    raise CatalogError('%s: a target the user supplies has no address' % where)
                target['user_supplied'] = True
            result.append(target)
        return result

    def cases(self):
        result = []
        for element in self.root.findall('case'):
            ident = self.claim_id(element.get('id'), 'case')
            where = 'case[@id=%s]' % ident
            case = {'id': ident, 'name': normalize(element.findtext('name'))}
            if element.findtext('name-latin'):
                case['name_latin'] = normalize(element.findtext('name-latin'))
            forms = {}
            for form in element.findall('name-form'):
                forms[form.get('lang')] = {k: form.get(k) for k in ('dative', 'given') if form.get(k)}
            if forms:
                case['name_forms'] = forms
            if element.get('birth-year'):
                case['birth_year'] = int(element.get('birth-year'))
            case['status'] = element.get('status')
            if element.get('country'):
                case['country'] = element.get('country')
            story = self.joined_text(element, 'story', where)
            if story:
                case['story'] = story
            # Each interest's translations follow it.
            interests = []
            for i in element.findall('interest'):
                if i.get(XML_LANG) is None:
                    interests.append([i])
                elif interests:
                    interests[-1].append(i)
            if interests:
                case['interests'] = [self.text_from_group(g, '%s/interest' % where) for g in interests]
            facility = self.text(element, 'facility', where, required=False)
            if facility:
                case['facility'] = facility
            address = self.address(element.find('address'))
            if address:
                case['address'] = address
            case['letter_languages'] = (element.get('letter-languages') or '').split()
            if not case['letter_languages']:
                raise CatalogError('%s: no letter languages' % where)
            if element.get('can-receive-letters') == 'false':
                case['can_receive_letters'] = False
            if element.get('demo') == 'true':
                case['demo'] = True
            if element.get('ruleset'):
                case['ruleset'] = self.ref(element.get('ruleset'), 'ruleset')
            case['templates'] = self.refs(element, 'templates', 'template')
            result.append(case)
        return result

    def campaigns(self):
        result = []
        for element in self.root.findall('campaign'):
            ident = self.claim_id(element.get('id'), 'campaign')
            where = 'campaign[@id=%s]' % ident
            campaign = {'id': ident,
                        'title': self.text(element, 'title', where),
                        'summary': self.text(element, 'summary', where)}
            description = self.joined_text(element, 'description', where)
            if description:
                campaign['description'] = description
            for attribute in ('region', 'deadline'):
                if element.get(attribute):
                    campaign[attribute] = element.get(attribute)
            for attribute, kind in (('cases', 'case'), ('targets', 'target'), ('templates', 'template')):
                ids = self.refs(element, attribute, kind)
                if ids:
                    campaign[attribute] = ids
            if element.get('ruleset'):
                campaign['ruleset'] = self.ref(element.get('ruleset'), 'ruleset')
            result.append(campaign)
        return result

    def compile(self):
        if self.root.tag != 'carta-catalog' or self.root.get('format') != '1':
            raise CatalogError('not a Carta catalog in format 1')
        source = self.root.find('source')
        if source is None:
            raise CatalogError('missing <source>')
        feed = {'carta_feed': 1, 'source': {'title': self.text(source, 'title', 'source')}}
        # The order matters: items refer only to those defined before them.
        feed['rulesets'] = self.rulesets()
        feed['templates'] = self.templates()
        feed['targets'] = self.targets()
        feed['cases'] = self.cases()
        feed['campaigns'] = self.campaigns()
        return feed


def main():
    parser = argparse.ArgumentParser(description='Compile the bundled catalog into a Carta feed.')
    parser.add_argument('input', help='the catalog XML with translations merged in')
    parser.add_argument('-o', '--output', required=True, help='the JSON feed to write')
    parser.add_argument('--strict', action='store_true',
                        help='treat a left-out translation as an error')
    args = parser.parse_args()

    try:
        compiler = Compiler(ET.parse(args.input).getroot())
        feed = compiler.compile()
    except (CatalogError, ET.ParseError, ValueError) as e:
        print('compile-catalog: %s: %s' % (args.input, e), file=sys.stderr)
        return 1
    if args.strict and compiler.warnings:
        return 1

    with open(args.output, 'w', encoding='utf-8') as f:
        json.dump(feed, f, ensure_ascii=False, indent=1)
        f.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
