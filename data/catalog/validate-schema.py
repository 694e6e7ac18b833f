#!/usr/bin/env python3
# Validates a compiled feed against docs/feed-format.schema.json.
# Exits 77 (skipped) when python3-jsonschema is not installed.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import sys

try:
    import jsonschema
except ImportError:
    print('python3-jsonschema is not installed; skipping')
    sys.exit(77)


def main(schema_path, feed_path):
    with open(schema_path, encoding='utf-8') as f:
        schema = json.load(f)
    with open(feed_path, encoding='utf-8') as f:
        feed = json.load(f)

    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)

    errors = sorted(validator.iter_errors(feed), key=lambda e: list(e.absolute_path))
    for error in errors:
        path = '$' + ''.join('[%d]' % p if isinstance(p, int) else '.' + p for p in error.absolute_path)
        print('%s: %s: %s' % (feed_path, path, error.message))

    # The schema must also refuse what the format refuses: a sanity check
    # that it is not accidentally permissive.
    broken = json.loads(json.dumps(feed))
    broken['campaigns'][0]['misspelt_member'] = True
    if validator.is_valid(broken):
        print('the schema accepts an unknown member')
        return 1
    broken = json.loads(json.dumps(feed))
    broken['templates'][0]['paragraphs'][0]['text'] = {}
    if validator.is_valid(broken):
        print('the schema accepts an empty localized text')
        return 1

    if errors:
        return 1
    print('%s follows the schema' % feed_path)
    return 0


if __name__ == '__main__':
    if len(sys.argv) != 3:
        print('usage: validate-schema.py SCHEMA FEED', file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
